import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, bulkRetryJobs, exportEvents, orderExports } from '../../drizzle/schema/index.ts';
import { claimJob } from '../../server/exports/bulk/batch.ts';
import { BulkRetryRunner } from '../../server/exports/bulk/runner.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import type { ExportRow } from '../../server/exports/views.ts';
import { createLogger } from '../../server/logger.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { ensureChannels, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { FakeClock } from '../helpers/exports.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(async () => {
  await tdb.reset();
  await ensureChannels(tdb.db, ['b2c', 'b2b']);
});

const logger = createLogger('silent');
const runnerOf = (options: { batchSize?: number; clock?: () => Date; id?: string } = {}) =>
  new BulkRetryRunner({ db: tdb.db, logger, leaseMs: 30_000, pollMs: 20, ...options });

/** Exports in the given states (created one millisecond apart, in this order), straight into the table. */
async function exportsIn(channelId: string, states: ExportRow['state'][], prefix = channelId) {
  const ids: string[] = [];
  let t = Date.parse('2026-03-01T00:00:00Z');
  for (const [i, state] of states.entries()) {
    const taken = await intakeOrder(tdb.db, {
      channelId,
      body: sampleOrder(`${prefix}-${i}`),
      now: new Date((t += 1)),
    });
    if (taken.kind !== 'accepted') throw new Error('not accepted');
    await tdb.db
      .update(orderExports)
      .set({
        state,
        outcome: state === 'failed' ? 'validation_error' : state === 'escalated' ? 'technical_error' : null,
        nextAttemptAt: state === 'pending' ? new Date(Date.now() + 3_600_000) : null,
        escalatedAt: state === 'escalated' ? new Date() : null,
        runAttempts: 3,
      })
      .where(eq(orderExports.id, taken.export.id));
    ids.push(taken.export.id);
  }
  return ids;
}

const rowsOf = (ids: string[]) => tdb.db.select().from(orderExports).where(inArray(orderExports.id, ids));
const jobRow = async (id: string) =>
  (await tdb.db.select().from(bulkRetryJobs).where(eq(bulkRetryJobs.id, id)))[0]!;

describe('bulk retry', () => {
  it('retries exactly what the preview counted, in batches, with one audit entry per job start and finish', async () => {
    const support = await signedInAs(tdb.db, 'support', { email: 'bulk@example.com' });
    const failed = await exportsIn('b2c', [
      'failed',
      'escalated',
      'failed',
      'pending',
      'held',
      'exported',
      'failed',
    ]);
    await exportsIn('b2b', ['failed', 'failed'], 'other');
    const filter = { channelId: 'b2c', orderNumberMatch: 'exact' as const };

    const preview = await support.caller.exports.bulkPreview({ filter });
    expect(preview.retryable).toBe(4);
    expect(preview.notRetryable).toEqual([
      { state: 'held', count: 1, reason: expect.stringMatching(/Waiting for their trigger/) as unknown },
      { state: 'pending', count: 1, reason: expect.stringMatching(/Already queued/) as unknown },
      {
        state: 'exported',
        count: 1,
        reason: expect.stringMatching(/IOM has these orders already/) as unknown,
      },
    ]);

    const job = await support.caller.exports.bulkStart({ filter });
    expect(job).toMatchObject({
      state: 'running',
      total: 4,
      processed: 0,
      createdByEmail: 'bulk@example.com',
      filter: { channelId: 'b2c' },
    });
    expect(await runnerOf({ batchSize: 3 }).runOnce()).toBe(1);

    const done = await support.caller.exports.bulkJob({ id: job.id });
    expect(done).toMatchObject({ state: 'done', total: 4, processed: 4, retried: 4, skipped: 0 });
    expect(done.finishedAt).toBeInstanceOf(Date);

    const retriedIds = [failed[0]!, failed[1]!, failed[2]!, failed[6]!];
    const rows = await rowsOf(retriedIds);
    expect(rows.every((r) => r.state === 'pending' && r.nextCause === 'bulk' && r.runAttempts === 0)).toBe(
      true,
    );
    const untouched = await rowsOf([failed[3]!, failed[4]!, failed[5]!]);
    expect(untouched.map((r) => r.state).sort()).toEqual(['exported', 'held', 'pending']);
    const other = await tdb.db.select().from(orderExports).where(eq(orderExports.channelId, 'b2b'));
    expect(other.every((r) => r.state === 'failed')).toBe(true);

    const events = await tdb.db.select().from(exportEvents);
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.kind === 'retried' && e.details?.jobId === job.id)).toBe(true);
    expect(events.every((e) => e.actorEmail === 'bulk@example.com')).toBe(true);
    const audit = await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'bulk_retry_job'));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'export.bulk_retry.finish',
      'export.bulk_retry.start',
    ]);
    expect(
      await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'order_export')),
    ).toHaveLength(0);

    expect((await support.caller.exports.bulkJobs()).map((j) => j.id)).toEqual([job.id]);
    const finished = await rejection(support.caller.exports.bulkCancel({ id: job.id }));
    expect(finished.code).toBe('BAD_REQUEST');
    expect(finished.message).toMatch(
      /has finished \(done at .*4 of 4 processed\): there is nothing to cancel/,
    );
  });

  it('refuses a filter that matches nothing retryable, saying why, and stores nothing', async () => {
    const support = await signedInAs(tdb.db, 'support');
    await exportsIn('b2c', ['held', 'held', 'exported']);
    const refused = await rejection(
      support.caller.exports.bulkStart({ filter: { channelId: 'b2c', orderNumberMatch: 'exact' } }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/^No export matches this filter and can be retried: 2 held: Waiting/);
    const none = await rejection(
      support.caller.exports.bulkStart({ filter: { orderNumber: 'nope', orderNumberMatch: 'exact' } }),
    );
    expect(none.message).toBe(
      'No export matches this filter and can be retried: no export matches it at all.',
    );
    expect(await tdb.db.select().from(bulkRetryJobs)).toHaveLength(0);
    expect(
      await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'bulk_retry_job')),
    ).toHaveLength(0);
  });

  it('skips exports that changed after the job started, counting why', async () => {
    const support = await signedInAs(tdb.db, 'support');
    const ids = await exportsIn('b2c', ['failed', 'failed', 'escalated']);
    const job = await support.caller.exports.bulkStart({
      filter: { channelId: 'b2c', orderNumberMatch: 'exact' },
    });
    const detail = await support.caller.exports.get({ id: ids[0]! });
    await support.caller.exports.retry({ id: ids[0]!, version: detail.version });
    await tdb.db.update(orderExports).set({ state: 'exported' }).where(eq(orderExports.id, ids[1]!));
    await runnerOf().runOnce();
    expect(await support.caller.exports.bulkJob({ id: job.id })).toMatchObject({
      state: 'done',
      processed: 3,
      retried: 1,
      skipped: 2,
      skippedReasons: {
        'already queued (retried by someone else since the job started)': 1,
        'exported since the job started': 1,
      },
    });
  });

  it('stops a cancelled job before its next batch and reports how far it got', async () => {
    const support = await signedInAs(tdb.db, 'support');
    const other = await signedInAs(tdb.db, 'support', { email: 'other@example.com' });
    const ids = await exportsIn('b2c', ['failed', 'failed', 'failed', 'failed', 'failed']);
    const job = await support.caller.exports.bulkStart({
      filter: { state: 'failed', orderNumberMatch: 'exact' },
    });
    const runner = runnerOf({ batchSize: 2 });
    expect((await claimJob(tdb.db, runner.id, new Date(), 30_000))?.id).toBe(job.id);
    expect(await runner.step(job.id)).toBe('continue');

    const cancelling = await other.caller.exports.bulkCancel({ id: job.id });
    expect(cancelling).toMatchObject({ state: 'cancelling', processed: 2, cancelledBy: 'other@example.com' });
    expect(await runner.step(job.id)).toBe('finished');
    const cancelled = await support.caller.exports.bulkJob({ id: job.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', total: 5, processed: 2, retried: 2 });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    const states = (await rowsOf(ids)).map((r) => r.state).sort();
    expect(states).toEqual(['failed', 'failed', 'failed', 'pending', 'pending']);
    const audit = await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, job.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'export.bulk_retry.cancel',
      'export.bulk_retry.finish',
      'export.bulk_retry.start',
    ]);
    // Nothing picks it up again.
    expect(await runnerOf().runOnce()).toBe(0);
  });

  it('cancels a job no runner holds at once; a running runner stops within a poll', async () => {
    const support = await signedInAs(tdb.db, 'support');
    await exportsIn('b2c', ['failed', 'failed']);
    const idle = await support.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } });
    expect(await support.caller.exports.bulkCancel({ id: idle.id })).toMatchObject({
      state: 'cancelled',
      processed: 0,
    });

    await tdb.db.update(orderExports).set({ state: 'failed' }).where(eq(orderExports.channelId, 'b2c'));
    const runner = runnerOf();
    runner.start();
    const job = await support.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } });
    const end = Date.now() + 10_000;
    while ((await jobRow(job.id)).state !== 'done' && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(await jobRow(job.id)).toMatchObject({ state: 'done', retried: 2, leaseOwner: null });
  });

  it('is taken over when its runner stops renewing the lease; the old runner changes nothing after', async () => {
    const support = await signedInAs(tdb.db, 'support');
    await exportsIn('b2c', ['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    const job = await support.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } });
    const clock = new FakeClock(Date.now());
    const dead = runnerOf({ batchSize: 2, clock: clock.now, id: 'dead' });
    const heir = runnerOf({ batchSize: 2, clock: clock.now, id: 'heir' });
    expect(await claimJob(tdb.db, dead.id, clock.now(), 30_000)).not.toBeNull();
    expect(await dead.step(job.id)).toBe('continue');

    expect(await heir.runOnce()).toBe(0); // the lease is alive
    clock.advance(31_000);
    expect(await heir.runOnce()).toBe(1);
    expect(await dead.step(job.id)).toBe('lost');
    expect(await jobRow(job.id)).toMatchObject({
      state: 'done',
      total: 7,
      processed: 7,
      retried: 7,
      skipped: 0,
    });
    const events = await tdb.db.select().from(exportEvents);
    expect(events).toHaveLength(7);
    expect(new Set(events.map((e) => e.exportId)).size).toBe(7);
  });

  it('shows jobs only to users whose channels cover them', async () => {
    const support = await signedInAs(tdb.db, 'support');
    await exportsIn('b2c', ['failed']);
    await exportsIn('b2b', ['failed'], 'other');
    const ownJob = await support.caller.exports.bulkStart({
      filter: { channelId: 'b2c', orderNumberMatch: 'exact' },
    });
    const allJob = await support.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } });
    const manager = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
    expect((await manager.caller.exports.bulkJob({ id: ownJob.id })).total).toBe(1);
    expect((await rejection(manager.caller.exports.bulkJob({ id: allJob.id }))).code).toBe('NOT_FOUND');
    expect((await manager.caller.exports.bulkJobs()).map((j) => j.id)).toEqual([ownJob.id]);
    expect((await rejection(manager.caller.exports.bulkCancel({ id: ownJob.id }))).code).toBe('FORBIDDEN');
    expect(
      (await rejection(manager.caller.exports.bulkPreview({ filter: { orderNumberMatch: 'exact' } }))).code,
    ).toBe('FORBIDDEN');
    expect((await support.caller.exports.bulkJobs()).map((j) => j.id).sort()).toEqual(
      [ownJob.id, allJob.id].sort(),
    );
  });
});
