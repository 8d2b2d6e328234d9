import { sql, type SQL } from 'drizzle-orm';
import type { ExportOutcome } from '../../shared/exports.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { channelScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import {
  assembleAttemptStats,
  hourWindow,
  type AttemptGroup,
  type Bucket,
  type ChannelCounts,
  type StatsRange,
} from './statsShape.ts';

export interface ExportStats {
  buckets: Bucket[];
  totals: { exported: number; duplicate: number; failed: number; successRate: number | null };
  current: {
    failed: number;
    escalated: number;
    escalationsWaiting: number;
    pending: number;
    held: number;
    waitingForConfiguration: number;
    due: number;
    oldestDueAt: Date | null;
  };
  failuresByClass: { technical: number; needs_fix: number };
  topErrorCodes: { code: string; count: number }[];
  perChannel: ChannelCounts[];
}

const TOP_ERROR_CODES = 10;

/**
 * The channels the figures cover: the user's scope, narrowed to `channelId` when given. A channel outside the
 * scope (or unknown) covers nothing, as in the list's filter: the answer is all zeros, never another
 * channel's figures. Null means every channel.
 */
function channelsCovered(user: SessionUser, channelId: string | undefined): string[] | null {
  const scope = channelScope(user);
  if (channelId) return scope === 'all' || scope.includes(channelId) ? [channelId] : [];
  return scope === 'all' ? null : scope;
}

function channelCondition(column: SQL, covered: string[] | null): SQL {
  if (covered === null) return sql`true`;
  if (covered.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    covered.map((c) => sql`${c}`),
    sql`, `,
  )})`;
}

const num = (value: unknown) => Number(value ?? 0);
function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string);
}

/**
 * exports.stats: exports per hour (from the attempts, by outcome), what is open now (from the exports' states),
 * failures by class, the top IOM error codes and the same per channel, within the user's channels.
 */
export async function exportStats(
  db: Db,
  user: SessionUser,
  input: { range: StatsRange; channelId?: string | undefined },
  now: Date = new Date(),
): Promise<ExportStats> {
  const window = hourWindow(input.range, now);
  const covered = channelsCovered(user, input.channelId);
  const inRange = sql`a.started_at >= ${window.from.toISOString()}::timestamptz
    and a.started_at < ${window.to.toISOString()}::timestamptz`;
  const attemptChannels = channelCondition(sql`a.channel_id`, covered);
  const exportChannels = channelCondition(sql`channel_id`, covered);

  // The attempts of the range, grouped by UTC hour (epoch hours: no session time zone involved; date_part's
  // double is cheaper than extract's numeric), channel and outcome: a few thousand rows, whatever the volume.
  // The attempt carries its export's channel, so the index on (started_at, channel_id, outcome) answers alone.
  const groupsQuery = db.execute(sql`
    select floor(date_part('epoch', a.started_at) / 3600)::int as hour, a.channel_id, a.outcome,
      count(*)::int as n
    from export_attempts a
    where ${inRange} and ${attemptChannels}
    group by 1, 2, 3`);

  // Top IOM error codes: the first code of IOM's error report on the range's failed attempts, counted per
  // export (an export that got the same answer on five retries is one order to fix, not five). That is what
  // support asks of a time range: "which IOM errors hit how many orders". The list's filter offers the codes
  // of the exports' last attempts (exports.errorCodes) for what is open now.
  const codesQuery = db.execute(sql`
    select a.iom_errors -> 0 ->> 'code' as code, count(distinct a.export_id)::int as n
    from export_attempts a
    where ${inRange} and ${attemptChannels}
      and a.outcome in ('technical_error', 'validation_error')
      and a.iom_errors is not null and jsonb_typeof(a.iom_errors) = 'array'
      and (a.iom_errors -> 0 ->> 'code') is not null
    group by 1
    order by 2 desc, 1
    limit ${TOP_ERROR_CODES}`);

  // What is open now. Exported and resolved exports (nearly all rows) are left out by the state index.
  const currentQuery = db.execute(sql`
    select
      count(*) filter (where state = 'failed')::int as failed,
      count(*) filter (where state = 'escalated')::int as escalated,
      count(*) filter (where state = 'escalated' and acknowledged_at is null)::int as escalations_waiting,
      count(*) filter (where state = 'pending')::int as pending,
      count(*) filter (where state = 'held')::int as held,
      count(*) filter (where state = 'waiting_for_configuration')::int as waiting_for_configuration,
      count(*) filter (where state in ('pending', 'escalated') and next_attempt_at <= ${now.toISOString()}::timestamptz)::int as due,
      min(next_attempt_at) filter (where state in ('pending', 'escalated') and next_attempt_at <= ${now.toISOString()}::timestamptz) as oldest_due_at
    from order_exports
    where state in ('failed', 'escalated', 'pending', 'held', 'waiting_for_configuration')
      and ${exportChannels}`);

  const channelsQuery = db.execute(
    sql`select id, name from channels where ${channelCondition(sql`id`, covered)} order by name, id`,
  );

  const [groupsResult, codesResult, currentResult, channelsResult] = await Promise.all([
    groupsQuery,
    codesQuery,
    currentQuery,
    channelsQuery,
  ]);
  const groups: AttemptGroup[] = rowsOf<{
    hour: unknown;
    channel_id: string;
    outcome: ExportOutcome;
    n: unknown;
  }>(groupsResult).map((r) => ({
    hour: num(r.hour),
    channelId: r.channel_id,
    outcome: r.outcome,
    count: num(r.n),
  }));
  const attempts = assembleAttemptStats(window, groups, rowsOf<{ id: string; name: string }>(channelsResult));
  const c = rowsOf<Record<string, unknown>>(currentResult)[0] ?? {};
  return {
    ...attempts,
    current: {
      failed: num(c.failed),
      escalated: num(c.escalated),
      escalationsWaiting: num(c.escalations_waiting),
      pending: num(c.pending),
      held: num(c.held),
      waitingForConfiguration: num(c.waiting_for_configuration),
      due: num(c.due),
      oldestDueAt: dateOrNull(c.oldest_due_at),
    },
    topErrorCodes: rowsOf<{ code: string; n: unknown }>(codesResult).map((r) => ({
      code: r.code,
      count: num(r.n),
    })),
  };
}
