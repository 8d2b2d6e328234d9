import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { approveOrder, getExportView, intakeOrder } from '../../server/exports/intake.ts';
import { runExports } from '../../server/exports/operator.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import {
  attemptsOf,
  exportChannel,
  exportOf,
  FakeClock,
  makeWorker,
  setSettings,
  useExportTestbed,
} from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;

const created = (n: string) => sim().counts.orders['10000']?.[n]?.created ?? 0;

async function take(clock: FakeClock, number: string) {
  const result = await intakeOrder(testbed.db, {
    channelId: 'b2c',
    body: sampleOrder(number),
    now: clock.now(),
  });
  if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.kind}`);
  return result.export;
}

describe('export triggers', () => {
  it('on-order-creation: due at once, exported on the first attempt', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    expect((await take(clock, 'C-1')).state).toBe('pending');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(1);
    const row = await exportOf(testbed.db, 'C-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'created', attempts: 1, nextAttemptAt: null });
    expect(row.location).toContain('/shops/10000/orders/C-1');
    expect(created('C-1')).toBe(1);
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt).toMatchObject({ number: 1, cause: 'initial', outcome: 'created', worker: worker.id });
  });

  it('on-order-approval: held until the approval call', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { settings: { exportTrigger: 'on-order-approval' } });
    expect(await take(clock, 'A-1')).toMatchObject({ state: 'held', heldFor: 'on-order-approval' });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    const approved = await approveOrder(testbed.db, {
      channelId: 'b2c',
      shopOrderNumber: 'A-1',
      now: clock.now(),
    });
    expect(approved).toMatchObject({ state: 'pending' });
    expect(await worker.runOnce()).toBe(1);
    expect(await getExportView(testbed.db, 'b2c', 'A-1')).toMatchObject({
      state: 'exported',
      outcome: 'created',
    });
    // Approving again changes nothing.
    expect(await approveOrder(testbed.db, { channelId: 'b2c', shopOrderNumber: 'A-1' })).toMatchObject({
      state: 'exported',
    });
    expect(await approveOrder(testbed.db, { channelId: 'b2c', shopOrderNumber: 'nope' })).toBeNull();
  });

  it('scheduled: held, then released as a batch at the next interval boundary', async () => {
    const clock = new FakeClock(Date.parse('2026-03-02T10:01:00Z'));
    await exportChannel(testbed.db, sim(), {
      settings: { exportTrigger: 'scheduled', scheduleIntervalMinutes: 5 },
    });
    const first = await take(clock, 'S-1');
    expect(first).toMatchObject({ state: 'held', heldFor: 'scheduled' });
    expect(first.releaseAt?.toISOString()).toBe('2026-03-02T10:05:00.000Z');
    clock.advance(60_000);
    await take(clock, 'S-2');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    clock.set(new Date('2026-03-02T10:05:00Z'));
    expect(await worker.runOnce()).toBe(2);
    expect((await exportOf(testbed.db, 'S-1')).state).toBe('exported');
    expect((await exportOf(testbed.db, 'S-2')).state).toBe('exported');
    clock.advance(1000);
    expect((await take(clock, 'S-3')).releaseAt?.toISOString()).toBe('2026-03-02T10:10:00.000Z');
  });

  it('manual: held until an operator runs it; the run is audited and its cause recorded', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { settings: { exportTrigger: 'manual' } });
    const held = await take(clock, 'M-1');
    await take(clock, 'M-2');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    const run = await runExports(testbed.db, SYSTEM_ACTOR, {
      exportIds: [held.id, held.id],
      cause: 'manual',
      now: clock.now(),
    });
    expect(run.started.map((e) => e.shopOrderNumber)).toEqual(['M-1']);
    expect(await worker.runOnce()).toBe(1);
    expect((await exportOf(testbed.db, 'M-2')).state).toBe('held');
    const row = await exportOf(testbed.db, 'M-1');
    expect(row.state).toBe('exported');
    expect((await attemptsOf(testbed.db, row.id))[0]?.cause).toBe('manual');
    const again = await runExports(testbed.db, SYSTEM_ACTOR, { exportIds: [row.id], cause: 'manual' });
    expect(again.skipped).toEqual([{ id: row.id, state: 'exported', reason: 'IOM has the order already.' }]);
  });

  it('waits for a configuration, and moves on when one becomes active', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { noConfig: true });
    expect((await take(clock, 'W-1')).state).toBe('waiting_for_configuration');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    await exportChannel(testbed.db, sim());
    expect(await worker.runOnce()).toBe(1);
    expect(await getExportView(testbed.db, 'b2c', 'W-1')).toMatchObject({ state: 'exported', attempts: 1 });
  });

  it('applies a changed trigger to held orders from then on', async () => {
    const clock = new FakeClock();
    const configId = await exportChannel(testbed.db, sim(), { settings: { exportTrigger: 'manual' } });
    await take(clock, 'T-1');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await setSettings(testbed.db, configId, { exportTrigger: 'on-order-approval' });
    expect(await worker.runOnce()).toBe(0);
    expect(await getExportView(testbed.db, 'b2c', 'T-1')).toMatchObject({
      state: 'held',
      heldFor: 'on-order-approval',
    });
    await setSettings(testbed.db, configId, { exportTrigger: 'scheduled', scheduleIntervalMinutes: 1 });
    expect(await worker.runOnce()).toBe(0);
    expect(await getExportView(testbed.db, 'b2c', 'T-1')).toMatchObject({
      state: 'held',
      heldFor: 'scheduled',
    });
    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(1);
    expect(created('T-1')).toBe(1);
  });
});
