import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { probeBatches, probeRuns, serviceConfigs } from '../../drizzle/schema/index.ts';
import type { ProbeOutcome } from '../../shared/probe.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { batchFor, type ProbeBatchRow } from './batches.ts';

export type TestAllEnd = 'finished' | 'cancelled' | 'interrupted';

export type TestAllEvent =
  | { kind: 'start'; batchId: string; total: number }
  | {
      kind: 'result';
      done: number;
      total: number;
      runId: string;
      channelId: string;
      configId: string;
      type: string;
      outcome: ProbeOutcome;
      message: string;
      totalMs: number;
    }
  | {
      kind: 'end';
      status: TestAllEnd;
      done: number;
      total: number;
      byOutcome: Partial<Record<ProbeOutcome, number>>;
      totalMs: number;
      /** Why a batch ended before every test ran, and what to do. */
      message: string | null;
    };

export interface FollowOptions {
  pollMs?: number;
  /** A batch without a heartbeat for this long, and not finished, lost the instance that ran it. */
  staleMs?: number;
}

/**
 * Runs become visible when their insert commits, which can be a moment after their `started_at`; reading from
 * a little before the newest one seen catches those, and the final read after the end takes everything.
 */
const LOOKBACK_MS = 10_000;

async function batchState(db: Db, batchId: string, staleMs: number) {
  const [row] = await db
    .select({
      startedAt: probeBatches.startedAt,
      finishedAt: probeBatches.finishedAt,
      cancelledAt: probeBatches.cancelledAt,
      stale: sql<boolean>`${probeBatches.heartbeatAt} < now() - ${staleMs}::integer * interval '1 millisecond'`,
    })
    .from(probeBatches)
    .where(eq(probeBatches.id, batchId));
  return row;
}

function runsOfBatch(db: Db, batchId: string, since: Date | null) {
  return db
    .select({
      runId: probeRuns.id,
      channelId: probeRuns.channelId,
      configId: probeRuns.configId,
      type: serviceConfigs.type,
      outcome: probeRuns.outcome,
      message: probeRuns.message,
      totalMs: probeRuns.totalMs,
      startedAt: probeRuns.startedAt,
    })
    .from(probeRuns)
    .innerJoin(serviceConfigs, eq(serviceConfigs.id, probeRuns.configId))
    .where(and(eq(probeRuns.batchId, batchId), since ? gte(probeRuns.startedAt, since) : undefined))
    .orderBy(asc(probeRuns.startedAt), asc(probeRuns.id));
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

function endOf(
  state: { finishedAt: Date | null; cancelledAt: Date | null },
  done: number,
  total: number,
): { status: TestAllEnd; message: string | null } {
  if (state.cancelledAt) return { status: 'cancelled', message: null };
  if (state.finishedAt && done >= total) return { status: 'finished', message: null };
  if (state.finishedAt)
    return {
      status: 'interrupted',
      message: `${total - done} of ${total} tests did not run: the server stopped, or a test could not be run (its log says why). Start Test all again.`,
    };
  return {
    status: 'interrupted',
    message:
      'The server running these tests stopped answering before they finished. The results so far are kept; start Test all again.',
  };
}

/**
 * Follows a batch from the database, so any instance can report it: first its total, then each stored result
 * as it lands (polled), then how it ended — finished, cancelled, or interrupted when its instance went quiet.
 * Starts nothing: following a link to it runs no test.
 */
export async function followTestAll(
  db: Db,
  user: SessionUser,
  raw: unknown,
  signal?: AbortSignal,
  options: FollowOptions = {},
): Promise<AsyncGenerator<TestAllEvent>> {
  // Checked before the stream opens, so a refusal is an ordinary error answer rather than a stream event.
  const batch = await batchFor(db, user, raw);
  return progressOf(db, batch, signal, options);
}

async function* progressOf(
  db: Db,
  batch: ProbeBatchRow,
  signal: AbortSignal | undefined,
  options: FollowOptions,
): AsyncGenerator<TestAllEvent> {
  const pollMs = options.pollMs ?? 250;
  const staleMs = options.staleMs ?? 30_000;
  const { total } = batch;
  yield { kind: 'start', batchId: batch.id, total };

  const seen = new Set<string>();
  const byOutcome: Partial<Record<ProbeOutcome, number>> = {};
  let since: Date | null = null;
  const fresh = function* (rows: Awaited<ReturnType<typeof runsOfBatch>>) {
    for (const { startedAt, ...run } of rows) {
      if (seen.has(run.runId)) continue;
      seen.add(run.runId);
      byOutcome[run.outcome] = (byOutcome[run.outcome] ?? 0) + 1;
      const from = new Date(startedAt.getTime() - LOOKBACK_MS);
      if (!since || from > since) since = from;
      yield { kind: 'result' as const, done: seen.size, total, ...run };
    }
  };

  while (!signal?.aborted) {
    // The state is read before the runs: a batch seen as ended has stored every run the next read returns.
    const state = await batchState(db, batch.id, staleMs);
    if (!state) return;
    yield* fresh(await runsOfBatch(db, batch.id, since));
    if (state.finishedAt || state.cancelledAt || state.stale) {
      yield* fresh(await runsOfBatch(db, batch.id, null));
      const ended = state.finishedAt ?? new Date();
      yield {
        kind: 'end',
        ...endOf(state, seen.size, total),
        done: seen.size,
        total,
        byOutcome,
        totalMs: Math.max(0, ended.getTime() - state.startedAt.getTime()),
      };
      return;
    }
    await sleep(pollMs, signal);
  }
}
