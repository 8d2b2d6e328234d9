import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportEvents, orderExports } from '../../drizzle/schema/index.ts';
import { BulkRetryRunner } from '../../server/exports/bulk/runner.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { createLogger } from '../../server/logger.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { signedInAs } from '../helpers/app.ts';
import { testTarget } from '../helpers/db.ts';
import { attemptsOf, exportChannel, FakeClock, makeWorker, useExportTestbed } from '../helpers/exports.ts';

/** Two people, or many runners, at once: only real PostgreSQL has concurrent sessions (PGlite has one). */
const onPostgres = testTarget === 'postgres';

const testbed = useExportTestbed();
const { sim } = testbed;
beforeEach(async () => {
  await exportChannel(testbed.db, sim());
});

async function failedExport(n: string) {
  const taken = await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder(n) });
  if (taken.kind !== 'accepted') throw new Error('not accepted');
  await testbed.db
    .update(orderExports)
    .set({ state: 'failed', outcome: 'validation_error', nextAttemptAt: null })
    .where(eq(orderExports.id, taken.export.id));
  return taken.export.id;
}

describe('support acting at the same time', () => {
  it.runIf(onPostgres)(
    'two retries of one export: one wins, the other is told who; the exporter makes one attempt',
    async () => {
      const id = await failedExport('C-1');
      const alice = await signedInAs(testbed.db, 'support', { email: 'alice@example.com' });
      const bob = await signedInAs(testbed.db, 'support', { email: 'bob@example.com' });
      for (let round = 0; round < 5; round += 1) {
        if (round > 0)
          await testbed.db
            .update(orderExports)
            .set({ state: 'failed', nextAttemptAt: null, updatedAt: new Date() })
            .where(eq(orderExports.id, id));
        const { version } = await alice.caller.exports.get({ id });
        const results = await Promise.allSettled([
          alice.caller.exports.retry({ id, version }),
          bob.caller.exports.retry({ id, version }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const loser = results.find((r) => r.status === 'rejected');
        const refused = (loser as PromiseRejectedResult).reason as TRPCError;
        expect(refused).toBeInstanceOf(TRPCError);
        expect(refused.code).toBe('CONFLICT');
        expect(refused.message).toMatch(/(alice|bob)@example\.com retried it at/);
      }
      expect(
        (await testbed.db.select().from(exportEvents).where(eq(exportEvents.exportId, id))).filter(
          (e) => e.kind === 'retried',
        ),
      ).toHaveLength(5);

      const clock = new FakeClock(Date.now() + 1000);
      await Promise.all([
        makeWorker(testbed.db, { clock: clock.now }).runOnce(),
        makeWorker(testbed.db, { clock: clock.now }).runOnce(),
      ]);
      const attempts = await attemptsOf(testbed.db, id);
      expect(attempts.map((a) => [a.cause, a.outcome])).toEqual([['manual', 'created']]);
      expect(sim().counts.orders['10000']?.['C-1']?.posts).toBe(1);
    },
  );

  it.runIf(onPostgres)('a retry racing an edit of the same version: exactly one lands', async () => {
    const id = await failedExport('C-2');
    const alice = await signedInAs(testbed.db, 'support');
    const bob = await signedInAs(testbed.db, 'support');
    const detail = await alice.caller.exports.get({ id });
    const results = await Promise.allSettled([
      alice.caller.exports.retry({ id, version: detail.version }),
      bob.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: { ...detail.payload, note: 'x' },
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await testbed.db.select().from(exportEvents).where(eq(exportEvents.exportId, id))).toHaveLength(1);
  });

  it.runIf(onPostgres)('three runners on two jobs retry every export exactly once', async () => {
    const support = await signedInAs(testbed.db, 'support');
    for (let i = 0; i < 300; i += 1) await failedExport(`B-${i}`);
    const first = await support.caller.exports.bulkStart({
      filter: { orderNumber: 'B-1', orderNumberMatch: 'prefix' },
    });
    const second = await support.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } });
    const logger = createLogger('silent');
    const runners = [0, 1, 2].map(
      (i) => new BulkRetryRunner({ db: testbed.db, logger, batchSize: 25, id: `r${i}` }),
    );
    await Promise.all(runners.map((r) => r.runOnce()));
    const jobs = await Promise.all([first.id, second.id].map((id) => support.caller.exports.bulkJob({ id })));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    // The second job covered everything, but the first retried its share already: those are skipped.
    expect(jobs[0]!.retried + jobs[1]!.retried).toBe(300);
    expect(jobs[1]!.processed).toBe(300);
    const events = await testbed.db.select().from(exportEvents);
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.exportId)).size).toBe(300);
  });
});
