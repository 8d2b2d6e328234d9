import { eq, sql } from 'drizzle-orm';
import { probeBatches } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';
import { runProbe } from '../probe/ladder.ts';
import { storeRun, type ProbeServices } from './commands.ts';
import { targetOf, type ChannelConfigPair } from './targets.ts';

/** How often a running batch says it is alive (and learns of a cancel made on another instance). */
export const HEARTBEAT_MS = 2_000;

interface RunningBatch {
  db: Db;
  /** Set by a cancel (here, or seen in the database) or by a shutdown: no further test starts. */
  stop: boolean;
  done: Promise<void>;
}

/** The batches this process runs, so a cancel here takes effect before the next test, and shutdown waits. */
const running = new Map<string, RunningBatch>();

export interface BatchLaunch {
  batchId: string;
  runBy: string;
  pairs: ChannelConfigPair[];
  concurrency: number;
}

/**
 * Runs a stored batch in the background of this process: at most `concurrency` tests at a time (a hanging
 * host holds only its own slot, for at most its timeout), each kept in probe_runs with the batch's id. The
 * heartbeat tells followers on any instance that it lives; `finished_at` says it ended, cancelled or not.
 */
export function launchBatch(services: ProbeServices, launch: BatchLaunch): void {
  const batch: RunningBatch = { db: services.db, stop: false, done: Promise.resolve() };
  running.set(launch.batchId, batch);
  batch.done = runBatch(services, launch, batch)
    .catch((err: unknown) =>
      services.logger.error({ err, batchId: launch.batchId }, 'test all: the batch stopped on an error'),
    )
    .finally(() => running.delete(launch.batchId));
}

async function runBatch(services: ProbeServices, launch: BatchLaunch, batch: RunningBatch): Promise<void> {
  const { db, logger } = services;
  const where = eq(probeBatches.id, launch.batchId);
  const beat = async () => {
    try {
      const [row] = await db
        .update(probeBatches)
        .set({ heartbeatAt: sql`now()` })
        .where(where)
        .returning({ cancelledAt: probeBatches.cancelledAt });
      if (!row || row.cancelledAt) batch.stop = true;
    } catch (err) {
      logger.warn({ err, batchId: launch.batchId }, 'test all: the heartbeat could not be stored');
    }
  };
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  let next = 0;
  const worker = async () => {
    while (next < launch.pairs.length && !batch.stop) {
      const pair = launch.pairs[next++] as ChannelConfigPair;
      try {
        const result = await runProbe(
          targetOf(pair.channel, pair.config, services.secrets),
          services.probeEnv,
        );
        await storeRun(db, pair, result, launch.runBy, launch.batchId);
      } catch (err) {
        // One configuration that cannot be tested (its password does not decrypt, say) does not end the rest.
        logger.error(
          { err, batchId: launch.batchId, channelId: pair.channel.id, configId: pair.config.id },
          'test all: a test could not be run or stored',
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(launch.concurrency, launch.pairs.length) }, worker));
  } finally {
    clearInterval(heartbeat);
    await db
      .update(probeBatches)
      .set({ finishedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(where);
  }
}

/** A cancel made on this instance: no further test of the batch starts. */
export function stopLocalBatch(batchId: string): void {
  const batch = running.get(batchId);
  if (batch) batch.stop = true;
}

/**
 * Lets the batches on this database finish the tests in flight and end (shutdown): their followers then see
 * them end before every test ran.
 */
export async function stopProbeBatches(db: Db): Promise<void> {
  const mine = [...running.values()].filter((b) => b.db === db);
  for (const batch of mine) batch.stop = true;
  await Promise.all(mine.map((b) => b.done));
}

/** Resolves when no batch runs in this process (tests wait for background work with it). */
export async function probeBatchesIdle(): Promise<void> {
  while (running.size > 0) await Promise.all([...running.values()].map((b) => b.done));
}
