import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { bulkRetryItems, bulkRetryJobs, exportEvents, orderExports } from '../../../drizzle/schema/index.ts';
import type { ExportState } from '../../../shared/exports.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../audit/record.ts';
import type { Db, Tx } from '../../db/client.ts';
import { retrySet } from '../actions/version.ts';
import type { BulkJobRow } from './queries.ts';
import { addCounts, BULK_RETRYABLE_STATES, skipReasonOf } from './rules.ts';

export type BatchResult = 'continue' | 'finished' | 'lost';

/** Claims one unfinished job no live runner holds (new, or its runner's lease ran out), oldest first. */
export async function claimJob(
  db: Db,
  runner: string,
  now: Date,
  leaseMs: number,
): Promise<BulkJobRow | null> {
  const free = sql`(select id from bulk_retry_jobs
    where state in ('running', 'cancelling')
      and (lease_owner is null or lease_expires_at is null or lease_expires_at < ${now.toISOString()}::timestamptz)
    order by created_at limit 1 for update skip locked)`;
  const [job] = await db
    .update(bulkRetryJobs)
    .set({ leaseOwner: runner, leaseExpiresAt: new Date(now.getTime() + leaseMs), updatedAt: now })
    .where(inArray(bulkRetryJobs.id, free))
    .returning();
  return job ?? null;
}

/** Hands a job back (runner stopping), so another runner takes it over at once. */
export async function releaseJobs(db: Db, runner: string): Promise<void> {
  await db
    .update(bulkRetryJobs)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(
      and(eq(bulkRetryJobs.leaseOwner, runner), inArray(bulkRetryJobs.state, ['running', 'cancelling'])),
    );
}

async function finish(
  tx: Tx,
  current: BulkJobRow,
  state: 'done' | 'cancelled' | 'failed',
  now: Date,
  error?: string,
) {
  let job = current;
  // Items of exports deleted meanwhile vanished with them (cascade): a finished job still accounts for them.
  const vanished = state === 'done' ? job.total - job.processed : 0;
  if (vanished > 0)
    job = {
      ...job,
      processed: job.total,
      skipped: job.skipped + vanished,
      skippedReasons: addCounts(job.skippedReasons, { [skipReasonOf(null)]: vanished }),
    };
  await tx
    .update(bulkRetryJobs)
    .set({
      state,
      processed: job.processed,
      skipped: job.skipped,
      skippedReasons: job.skippedReasons,
      finishedAt: now,
      updatedAt: now,
      leaseOwner: null,
      leaseExpiresAt: null,
      error: error ?? null,
    })
    .where(eq(bulkRetryJobs.id, job.id));
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: 'export.bulk_retry.finish',
    targetType: 'bulk_retry_job',
    targetId: job.id,
    targetLabel: `${job.total} exports`,
    changes: [
      { field: 'state', from: job.state, to: state },
      { field: 'processed', from: null, to: job.processed },
      { field: 'retried', from: null, to: job.retried },
      { field: 'skipped', from: null, to: job.skipped },
      ...(error ? [{ field: 'error', from: null, to: error }] : []),
    ],
  });
}

/** Ends a job that keeps failing (the error is shown with the job). */
export async function failJob(
  db: Db,
  runner: string,
  jobId: string,
  now: Date,
  error: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(bulkRetryJobs)
      .where(and(eq(bulkRetryJobs.id, jobId), eq(bulkRetryJobs.leaseOwner, runner)))
      .for('update');
    if (job && (job.state === 'running' || job.state === 'cancelling'))
      await finish(tx, job, 'failed', now, error);
  });
}

/**
 * One batch of a job, in one transaction fenced on this runner's lease: stop if cancelled, else retry the next
 * `size` items that are still failed or escalated (the same change as a single retry, cause `bulk`, one timeline
 * event each naming the job), count the others as skipped by reason, mark the items done, add up the progress
 * and renew the lease. A runner that lost the lease changes nothing.
 */
export async function processBatch(
  db: Db,
  input: {
    runner: string;
    jobId: string;
    size: number;
    now: Date;
    leaseMs: number;
    /** The last position this runner handled: later batches start past it instead of skipping done items. */
    after?: number;
  },
): Promise<{ result: BatchResult; retried: number; lastPosition: number }> {
  const { now } = input;
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(bulkRetryJobs)
      .where(
        and(
          eq(bulkRetryJobs.id, input.jobId),
          eq(bulkRetryJobs.leaseOwner, input.runner),
          inArray(bulkRetryJobs.state, ['running', 'cancelling']),
        ),
      )
      .for('update');
    const after = input.after ?? 0;
    if (!job) return { result: 'lost', retried: 0, lastPosition: after };
    if (job.cancelRequestedAt) {
      await finish(tx, job, 'cancelled', now);
      return { result: 'finished', retried: 0, lastPosition: after };
    }
    const items = await tx
      .select({ position: bulkRetryItems.position, exportId: bulkRetryItems.exportId })
      .from(bulkRetryItems)
      .where(
        and(
          eq(bulkRetryItems.jobId, job.id),
          gt(bulkRetryItems.position, after),
          eq(bulkRetryItems.done, false),
        ),
      )
      .orderBy(asc(bulkRetryItems.position))
      .limit(input.size);
    if (items.length === 0) {
      await finish(tx, job, 'done', now);
      return { result: 'finished', retried: 0, lastPosition: after };
    }
    const ids = [...new Set(items.map((i) => i.exportId))];
    // Locked in id order, like every multi-export change, so two of them never deadlock.
    const retryable = await tx
      .select({ id: orderExports.id, state: orderExports.state })
      .from(orderExports)
      .where(and(inArray(orderExports.id, ids), inArray(orderExports.state, [...BULK_RETRYABLE_STATES])))
      .orderBy(asc(orderExports.id))
      .for('update');
    const retried = retryable.length
      ? await tx
          .update(orderExports)
          .set(retrySet(now, 'bulk'))
          .where(
            inArray(
              orderExports.id,
              retryable.map((r) => r.id),
            ),
          )
          .returning({ id: orderExports.id })
      : [];
    const from = new Map(retryable.map((r) => [r.id, r.state]));
    if (retried.length)
      await tx.insert(exportEvents).values(
        retried.map((r) => ({
          exportId: r.id,
          at: now,
          kind: 'retried' as const,
          actorId: job.createdById,
          actorEmail: job.createdByEmail,
          fromState: from.get(r.id) ?? null,
          toState: 'pending' as const,
          message: 'Retried by a bulk retry.',
          details: { jobId: job.id },
        })),
      );
    const retriedIds = new Set(retried.map((r) => r.id));
    const skippedIds = ids.filter((id) => !retriedIds.has(id));
    const skippedStates = skippedIds.length
      ? await tx
          .select({ id: orderExports.id, state: orderExports.state })
          .from(orderExports)
          .where(inArray(orderExports.id, skippedIds))
      : [];
    const stateOf = new Map<string, ExportState>(skippedStates.map((s) => [s.id, s.state]));
    const reasons: Record<string, number> = {};
    for (const id of skippedIds) {
      const reason = skipReasonOf(stateOf.get(id) ?? null);
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    await tx
      .update(bulkRetryItems)
      .set({ done: true })
      .where(
        and(
          eq(bulkRetryItems.jobId, job.id),
          inArray(
            bulkRetryItems.position,
            items.map((i) => i.position),
          ),
        ),
      );
    const skipped = items.length - retried.length;
    await tx
      .update(bulkRetryJobs)
      .set({
        processed: sql`${bulkRetryJobs.processed} + ${items.length}`,
        retried: sql`${bulkRetryJobs.retried} + ${retried.length}`,
        skipped: sql`${bulkRetryJobs.skipped} + ${skipped}`,
        skippedReasons: addCounts(job.skippedReasons, reasons),
        leaseExpiresAt: new Date(now.getTime() + input.leaseMs),
        updatedAt: now,
      })
      .where(eq(bulkRetryJobs.id, job.id));
    return { result: 'continue', retried: retried.length, lastPosition: items[items.length - 1]!.position };
  });
}
