import type { ExportOutcome } from '../../shared/exports.ts';

/** The dashboard's ranges: hourly buckets for the last 24 hours or 7 days, the current hour included. */
export const STATS_RANGES = ['24h', '7d'] as const;
export type StatsRange = (typeof STATS_RANGES)[number];

const HOUR_MS = 3_600_000;
const HOURS: Record<StatsRange, number> = { '24h': 24, '7d': 168 };

export interface HourWindow {
  /** Hours since the epoch (UTC) of the first and the last (current) bucket. */
  firstHour: number;
  lastHour: number;
  from: Date;
  /** Exclusive: the end of the current hour. */
  to: Date;
}

/** The UTC hours a range covers at `now`: the current hour and the whole hours before it. */
export function hourWindow(range: StatsRange, now: Date): HourWindow {
  const lastHour = Math.floor(now.getTime() / HOUR_MS);
  const firstHour = lastHour - HOURS[range] + 1;
  return { firstHour, lastHour, from: new Date(firstHour * HOUR_MS), to: new Date((lastHour + 1) * HOUR_MS) };
}

/** One group of attempts: in an hour, of a channel, with an outcome. */
export interface AttemptGroup {
  hour: number;
  channelId: string;
  outcome: ExportOutcome;
  count: number;
}

export interface Counts {
  exported: number;
  duplicate: number;
  failed: number;
}

export interface Bucket extends Counts {
  start: Date;
}

export interface ChannelCounts extends Counts {
  channelId: string;
  channelName: string;
  successRate: number | null;
}

const zero = (): Counts => ({ exported: 0, duplicate: 0, failed: 0 });

/** created → exported, duplicate → duplicate, technical and validation errors → failed. */
function add(counts: Counts, outcome: ExportOutcome, n: number): void {
  if (outcome === 'created') counts.exported += n;
  else if (outcome === 'duplicate') counts.duplicate += n;
  else counts.failed += n;
}

/** Share of attempts that put the order into IOM (a duplicate did too); null without attempts. */
export function successRate(counts: Counts): number | null {
  const total = counts.exported + counts.duplicate + counts.failed;
  return total === 0 ? null : (counts.exported + counts.duplicate) / total;
}

/**
 * Buckets (one per hour of the window, zero-filled), totals, failures by class and per-channel rows from the
 * grouped attempts. `channels` lists the channels to show (in scope), each with a row even without attempts.
 */
export function assembleAttemptStats(
  window: HourWindow,
  groups: AttemptGroup[],
  channels: { id: string; name: string }[],
) {
  const buckets: Bucket[] = [];
  for (let hour = window.firstHour; hour <= window.lastHour; hour += 1)
    buckets.push({ start: new Date(hour * HOUR_MS), ...zero() });
  const totals = zero();
  const failuresByClass = { technical: 0, needs_fix: 0 };
  const perChannel = new Map<string, Counts>(channels.map((c) => [c.id, zero()]));
  for (const g of groups) {
    const bucket = buckets[g.hour - window.firstHour];
    if (!bucket) continue;
    add(bucket, g.outcome, g.count);
    add(totals, g.outcome, g.count);
    if (g.outcome === 'technical_error') failuresByClass.technical += g.count;
    if (g.outcome === 'validation_error') failuresByClass.needs_fix += g.count;
    let channel = perChannel.get(g.channelId);
    if (!channel) perChannel.set(g.channelId, (channel = zero()));
    add(channel, g.outcome, g.count);
  }
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const rows: ChannelCounts[] = [...perChannel].map(([channelId, counts]) => ({
    channelId,
    channelName: names.get(channelId) ?? channelId,
    ...counts,
    successRate: successRate(counts),
  }));
  const volume = (r: Counts) => r.exported + r.duplicate + r.failed;
  rows.sort(
    (a, b) => volume(b) - volume(a) || b.failed - a.failed || a.channelName.localeCompare(b.channelName),
  );
  return {
    buckets,
    totals: { ...totals, successRate: successRate(totals) },
    failuresByClass,
    perChannel: rows,
  };
}
