import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import { EXPORT_STATES } from '../../shared/exports.ts';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** A Prometheus histogram of attempt durations by outcome, for the attempts made in this process. */
class AttemptHistogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();

  observe(outcome: string, seconds: number): void {
    let s = this.series.get(outcome);
    if (!s) this.series.set(outcome, (s = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += seconds;
    s.count += 1;
  }

  render(name: string): string[] {
    const lines = [
      `# HELP ${name} Duration of export attempts (request to IOM and any look-up) made by this process.`,
      `# TYPE ${name} histogram`,
    ];
    for (const [outcome, s] of [...this.series].sort(([a], [b]) => a.localeCompare(b))) {
      BUCKETS.forEach((le, i) =>
        lines.push(`${name}_bucket{outcome="${outcome}",le="${le}"} ${s.counts[i] ?? 0}`),
      );
      lines.push(`${name}_bucket{outcome="${outcome}",le="+Inf"} ${s.count}`);
      lines.push(
        `${name}_sum{outcome="${outcome}"} ${s.sum}`,
        `${name}_count{outcome="${outcome}"} ${s.count}`,
      );
    }
    return lines;
  }
}

export const attemptDurations = new AttemptHistogram();

const gauge = (name: string, help: string, samples: [string, number][]) => [
  `# HELP ${name} ${help}`,
  `# TYPE ${name} gauge`,
  ...samples.map(([labels, value]) => `${name}${labels} ${value}`),
];

/** Below this many rows (by the table's statistics) every state is counted exactly on each scrape. */
export const EXACT_METRICS_BELOW = 100_000;

const SMALL_STATES = EXPORT_STATES.filter((s) => s !== 'exported');

type StateCount = { state: string; outcome: string | null; n: number };

/**
 * Exports by state and outcome without reading a million rows per scrape. Every state but `exported` is small (an
 * export leaves it within minutes, or a person works through it) and is counted exactly through the state index, as
 * are exported duplicates through the outcome index; `exported`/`created`, nearly all of a big table, is the
 * planner's row estimate (pg_class.reltuples scaled to the table's current size, as the planner does) minus those.
 */
export async function exportsByState(db: Db, exactBelow = EXACT_METRICS_BELOW): Promise<StateCount[]> {
  const estimated = await estimatedExportRows(db);
  const counts =
    estimated === null || estimated < exactBelow
      ? await countedByState(db, sql`true`)
      : await estimatedByState(db, estimated);
  return counts
    .filter((r) => r.n > 0)
    .sort((a, b) => a.state.localeCompare(b.state) || (a.outcome ?? '').localeCompare(b.outcome ?? ''));
}

async function countedByState(db: Db, where: SQL): Promise<StateCount[]> {
  const rows = rowsOf<{ state: string; outcome: string | null; n: string | number }>(
    await db.execute(
      sql`select state, outcome, count(*) as n from order_exports where ${where} group by 1, 2`,
    ),
  );
  return rows.map((r) => ({ state: r.state, outcome: r.outcome, n: Number(r.n) }));
}

async function estimatedByState(db: Db, estimated: number): Promise<StateCount[]> {
  const small = await countedByState(
    db,
    sql`state in (${sql.join(
      SMALL_STATES.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  );
  const [duplicates] = await countedByState(db, sql`outcome = 'duplicate' and state = 'exported'`);
  const duplicate = duplicates?.n ?? 0;
  const counted = small.reduce((sum, r) => sum + r.n, 0) + duplicate;
  return [
    ...small,
    { state: 'exported', outcome: 'duplicate', n: duplicate },
    { state: 'exported', outcome: 'created', n: Math.max(0, estimated - counted) },
  ];
}

/** Rows in order_exports by the table's statistics (null before the first ANALYZE): no row is read. */
async function estimatedExportRows(db: Db): Promise<number | null> {
  const [row] = rowsOf<{ tuples: number | string; pages: number | string; current: number | string }>(
    await db.execute(sql`select reltuples as tuples, relpages as pages,
        pg_relation_size(oid) / current_setting('block_size')::int as current
      from pg_class where oid = 'order_exports'::regclass`),
  );
  const tuples = Number(row?.tuples ?? -1);
  const pages = Number(row?.pages ?? 0);
  if (!row || tuples < 0 || pages <= 0) return null;
  return Math.round((tuples / pages) * Number(row.current));
}

/** The exporter's metrics in Prometheus' text format: the database-wide gauges and this process's histogram. */
export async function renderMetrics(db: Db, now: Date, workerFreshMs = 120_000): Promise<string> {
  const byState = await exportsByState(db);
  const [queue] = rowsOf<{ n: string | number; oldest: string | Date | null }>(
    await db.execute(sql`select count(*) as n, min(next_attempt_at) as oldest from order_exports
      where state in ('pending', 'escalated') and next_attempt_at is not null
        and next_attempt_at <= ${now.toISOString()}::timestamptz`),
  );
  const [workers] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from export_workers
      where heartbeat_at > ${new Date(now.getTime() - workerFreshMs).toISOString()}::timestamptz`),
  );
  const oldest = queue?.oldest ? new Date(queue.oldest).getTime() : null;
  const lines = [
    ...gauge(
      'switchboard_exports',
      `Order exports by state and outcome of their last attempt (outcome "none": no attempt yet). Exact below ${EXACT_METRICS_BELOW} rows; above, exported/created is estimated from the table's statistics (the other series stay exact).`,
      byState.map((r) => [`{state="${r.state}",outcome="${r.outcome ?? 'none'}"}`, r.n]),
    ),
    ...gauge('switchboard_export_queue_depth', 'Exports due now that no worker has taken yet.', [
      ['', Number(queue?.n ?? 0)],
    ]),
    ...gauge(
      'switchboard_export_oldest_due_age_seconds',
      'How long the oldest due export has been waiting for a worker.',
      [['', oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000)]],
    ),
    ...gauge(
      'switchboard_export_workers',
      'Exporters (in servers and `switchboard worker` processes) with a recent heartbeat.',
      [['', Number(workers?.n ?? 0)]],
    ),
    ...attemptDurations.render('switchboard_export_attempt_duration_seconds'),
  ];
  return `${lines.join('\n')}\n`;
}
