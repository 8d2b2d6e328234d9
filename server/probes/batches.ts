import { and, eq, isNull, sql } from 'drizzle-orm';
import { probeBatches } from '../../drizzle/schema/index.ts';
import { probeAllSchema, probeBatchIdSchema } from '../../shared/schemas/probes.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getChannelRow } from '../channels/queries.ts';
import { assertChannelInScope, channelScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../errors.ts';
import { launchBatch, stopLocalBatch } from './batchRunner.ts';
import type { ProbeServices } from './commands.ts';
import { activeConfigsOf } from './targets.ts';

export type ProbeBatchRow = typeof probeBatches.$inferSelect;

/** A batch its starter, or an admin, may follow or cancel; nobody else learns what it tested. */
export async function batchFor(db: Db, user: SessionUser, raw: unknown): Promise<ProbeBatchRow> {
  const { batchId } = probeBatchIdSchema.parse(raw);
  const [row] = await db.select().from(probeBatches).where(eq(probeBatches.id, batchId));
  if (!row) throw notFound('There is no such test-all run; start a new one.');
  if (row.startedBy !== user.id && user.role !== 'admin')
    throw forbidden('Only the person who started this test-all run, or an admin, may follow or cancel it.');
  return row;
}

/**
 * Starts "test all" for one channel or every channel the user may see: the batch is stored with its total,
 * its tests run in the background of this instance, and `testAllProgress` follows it from any instance. A
 * mutation, so neither a link nor another site's page can start it.
 */
export async function startTestAll(
  services: ProbeServices,
  user: SessionUser,
  raw: unknown,
): Promise<{ batchId: string; total: number }> {
  const input = probeAllSchema.parse(raw);
  if (input.channelId) {
    assertChannelInScope(user, input.channelId);
    await getChannelRow(services.db, input.channelId);
  }
  const pairs = await activeConfigsOf(services.db, input.channelId ? [input.channelId] : channelScope(user));
  const [batch] = await services.db
    .insert(probeBatches)
    .values({
      startedBy: user.id,
      channelId: input.channelId ?? null,
      total: pairs.length,
      ...(pairs.length === 0 ? { finishedAt: sql`now()` } : {}),
    })
    .returning({ id: probeBatches.id });
  if (!batch) throw new Error('insert returned no row');
  if (pairs.length > 0)
    launchBatch(services, {
      batchId: batch.id,
      runBy: user.email,
      pairs,
      concurrency: input.concurrency,
    });
  return { batchId: batch.id, total: pairs.length };
}

/**
 * Asks a batch to stop: no test starts after this (on another instance, after its next heartbeat); tests in
 * flight finish and are kept. A batch that has ended is left as it is.
 */
export async function cancelTestAll(
  db: Db,
  user: SessionUser,
  raw: unknown,
): Promise<{ batchId: string; cancelledAt: Date | null; finishedAt: Date | null }> {
  const batch = await batchFor(db, user, raw);
  const [updated] = await db
    .update(probeBatches)
    .set({ cancelledAt: sql`now()` })
    .where(
      and(eq(probeBatches.id, batch.id), isNull(probeBatches.cancelledAt), isNull(probeBatches.finishedAt)),
    )
    .returning();
  stopLocalBatch(batch.id);
  const row = updated ?? batch;
  return { batchId: row.id, cancelledAt: row.cancelledAt, finishedAt: row.finishedAt };
}
