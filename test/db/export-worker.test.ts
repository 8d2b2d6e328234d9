import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exportAttempts, exportWorkers, orderExports } from '../../drizzle/schema/index.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { renderMetrics } from '../../server/exports/metrics.ts';
import { purgeOldAttempts } from '../../server/exports/planner.ts';
import { wakeExporters } from '../../server/exports/signals.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { exportChannel, exportOf, FakeClock, makeWorker, useExportTestbed } from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;

async function until(condition: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the running exporter', () => {
  it('is woken by the intake, registers itself, and unregisters on stop', async () => {
    await exportChannel(testbed.db, sim());
    const worker = makeWorker(testbed.db, { pollMs: 60_000 });
    await worker.start();
    expect(await testbed.db.select().from(exportWorkers)).toHaveLength(1);
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('RUN-1') });
    // What the intake route does; only this wake-up makes it this fast, the poll interval is a minute.
    wakeExporters();
    await until(async () => (await exportOf(testbed.db, 'RUN-1')).state === 'exported');
    const metrics = await renderMetrics(testbed.db, new Date());
    expect(metrics).toContain('switchboard_export_workers 1');
    expect(metrics).toMatch(/switchboard_export_attempt_duration_seconds_count\{outcome="created"\} [1-9]/);
    expect(metrics).toContain('switchboard_exports{state="exported",outcome="created"} 1');
    await worker.stop();
    expect(await testbed.db.select().from(exportWorkers)).toHaveLength(0);
  });

  it('on stop, interrupts what hangs after the grace period and hands it back, due at once', async () => {
    await exportChannel(testbed.db, sim(), { timeoutMs: 30_000 });
    sim().setFaults({ hangRate: 1 });
    const worker = makeWorker(testbed.db, { pollMs: 20 });
    await worker.start();
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('STOP-1') });
    await until(async () => (await exportOf(testbed.db, 'STOP-1')).state === 'in_progress');
    const started = Date.now();
    await worker.stop(300);
    expect(Date.now() - started).toBeLessThan(5000);
    const row = await exportOf(testbed.db, 'STOP-1');
    expect(row).toMatchObject({ state: 'pending', leaseOwner: null, lastErrorClass: 'interrupted' });
    expect(row.nextAttemptAt).not.toBeNull();
  });

  it('takes over an export whose worker stopped heartbeating once the lease runs out', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('LEASE-1'), now: clock.now() });
    const [row] = await testbed.db
      .update(orderExports)
      .set({ state: 'in_progress', leaseOwner: 'dead-worker', leaseExpiresAt: new Date(clock.ms + 5000) })
      .where(eq(orderExports.shopOrderNumber, 'LEASE-1'))
      .returning();
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    clock.advance(6000);
    expect(await worker.runOnce()).toBe(1);
    const attempts = await testbed.db
      .select()
      .from(exportAttempts)
      .where(eq(exportAttempts.exportId, row?.id ?? ''));
    expect(attempts.map((a) => [a.number, a.errorClass, a.worker]).sort()).toEqual([
      [1, 'worker_lost', 'dead-worker'],
      [2, null, worker.id],
    ]);
    expect(await exportOf(testbed.db, 'LEASE-1')).toMatchObject({ state: 'exported', attempts: 2 });
  });

  it('deletes attempt logs of exported orders after the retention, keeping those that need a person', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('OLD-1'), now: clock.now() });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('OLD-2'), now: clock.now() });
    sim().setFaults({ unauthorized: true });
    await worker.runOnce();
    expect(await testbed.db.select().from(exportAttempts)).toHaveLength(2);
    expect(await purgeOldAttempts(testbed.db, new Date(clock.ms + 29 * 86_400_000), 30)).toBe(0);
    expect(await purgeOldAttempts(testbed.db, new Date(clock.ms + 31 * 86_400_000), 30)).toBe(1);
    const left = await testbed.db.select().from(exportAttempts);
    expect(left.map((a) => a.outcome)).toEqual(['validation_error']);
  });
});
