import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';

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

/** The exporter's metrics in Prometheus' text format: the database-wide gauges and this process's histogram. */
export async function renderMetrics(db: Db, now: Date, workerFreshMs = 120_000): Promise<string> {
  const byState = rowsOf<{ state: string; outcome: string | null; n: string | number }>(
    await db.execute(
      sql`select state, outcome, count(*) as n from order_exports group by state, outcome order by 1, 2`,
    ),
  );
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
      'Order exports by state and outcome of their last attempt (outcome "none": no attempt yet).',
      byState.map((r) => [`{state="${r.state}",outcome="${r.outcome ?? 'none'}"}`, Number(r.n)]),
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
