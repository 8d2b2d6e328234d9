import { describe, expect, it } from 'vitest';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { signedInAs } from '../helpers/app.ts';
import { rejection } from '../helpers/errors.ts';
import { exportChannel, FakeClock, makeWorker, useExportTestbed } from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;

describe('exports through the API', () => {
  it('lets support run a held export and read its attempts; channel managers read their own only', async () => {
    const clock = new FakeClock(Date.now());
    await exportChannel(testbed.db, sim(), { settings: { exportTrigger: 'manual' } });
    const taken = await intakeOrder(testbed.db, {
      channelId: 'b2c',
      body: sampleOrder('API-1'),
      now: clock.now(),
    });
    if (taken.kind !== 'accepted') throw new Error('not accepted');
    const id = taken.export.id;
    const support = await signedInAs(testbed.db, 'support');
    const ownManager = await signedInAs(testbed.db, 'channel_manager', { channels: ['b2c'] });
    const otherManager = await signedInAs(testbed.db, 'channel_manager', { channels: ['elsewhere'] });

    expect(await ownManager.caller.exports.get({ id })).toMatchObject({ state: 'held', heldFor: 'manual' });
    expect((await rejection(otherManager.caller.exports.get({ id }))).code).toBe('NOT_FOUND');
    expect((await rejection(ownManager.caller.exports.run({ exportIds: [id] }))).code).toBe('FORBIDDEN');

    const run = await support.caller.exports.run({ exportIds: [id] });
    expect(run.started.map((e) => e.id)).toEqual([id]);
    clock.set(new Date()); // the run is due by the wall clock
    await makeWorker(testbed.db, { clock: clock.now }).runOnce();
    const attempts = await support.caller.exports.attempts({ exportId: id });
    expect(attempts.map((a) => [a.cause, a.outcome])).toEqual([['manual', 'created']]);
    expect(await support.caller.exports.get({ id })).toMatchObject({ state: 'exported' });
  });
});
