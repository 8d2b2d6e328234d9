import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exportEvents, serviceConfigs } from '../../drizzle/schema/index.ts';
import { EnvError } from '../../server/env.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { assertKeyOpensStoredCredentials } from '../../server/secrets/keyCheck.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import {
  attemptsOf,
  exportChannel,
  exportOf,
  exportSecrets,
  FakeClock,
  makeWorker,
  useExportTestbed,
} from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;
const otherKey = createSecretBox(randomBytes(32));
const received = (n: string) => sim().counts.orders['10000']?.[n]?.posts ?? 0;

describe('a key that does not open the stored credentials', () => {
  it('is refused at start, naming the variable and the key file', async () => {
    await exportChannel(testbed.db, sim());
    await expect(
      assertKeyOpensStoredCredentials(testbed.db, otherKey, '/srv/switchboard/data/secret.key'),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof EnvError &&
        e.message.includes('SWITCHBOARD_SECRET_KEY') &&
        e.message.includes('the key file /srv/switchboard/data/secret.key'),
    );
    await expect(
      assertKeyOpensStoredCredentials(testbed.db, exportSecrets, 'SWITCHBOARD_SECRET_KEY'),
    ).resolves.toBeUndefined();
  });

  it('lets a database without stored credentials start with any key', async () => {
    await exportChannel(testbed.db, sim(), { noConfig: true });
    await expect(
      assertKeyOpensStoredCredentials(testbed.db, otherKey, 'SWITCHBOARD_SECRET_KEY'),
    ).resolves.toBeUndefined();
  });

  it('holds an export whose password it cannot decrypt, without an attempt, and never fails it', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { secrets: otherKey });
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('KEY-1'), now: clock.now() });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    const held = await exportOf(testbed.db, 'KEY-1');
    expect(held).toMatchObject({ state: 'held', holdReason: 'credentials', attempts: 0, runAttempts: 0 });
    expect(await attemptsOf(testbed.db, held.id)).toHaveLength(0);
    expect(received('KEY-1')).toBe(0);
    const events = await testbed.db.select().from(exportEvents).where(eq(exportEvents.exportId, held.id));
    expect(events.find((e) => e.kind === 'held')?.message).toMatch(
      /Held, not failed: .*cannot be decrypted.*SWITCHBOARD_SECRET_KEY/,
    );
    // The planner does not release it on its own: it would only be held again, over and over.
    clock.advance(60 * 60_000);
    await worker.runOnce();
    expect(await exportOf(testbed.db, 'KEY-1')).toMatchObject({ state: 'held', attempts: 0 });
  });

  it('runs the held export once the password is saved again', async () => {
    const clock = new FakeClock();
    const configId = await exportChannel(testbed.db, sim(), { secrets: otherKey });
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('KEY-2'), now: clock.now() });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    expect((await exportOf(testbed.db, 'KEY-2')).state).toBe('held');
    clock.advance(1000);
    await testbed.db
      .update(serviceConfigs)
      .set({
        passwordEncrypted: exportSecrets.encrypt('consumer_ws', `service-config:${configId}`),
        updatedAt: clock.now(),
      })
      .where(eq(serviceConfigs.id, configId));
    await worker.runOnce();
    expect(await exportOf(testbed.db, 'KEY-2')).toMatchObject({ state: 'exported', attempts: 1 });
    expect(received('KEY-2')).toBe(1);
  });

  it('re-checks held exports when an exporter starts with the right key', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await intakeOrder(testbed.db, { channelId: 'b2c', body: sampleOrder('KEY-3'), now: clock.now() });
    await makeWorker(testbed.db, { clock: clock.now, secrets: otherKey }).runOnce();
    expect((await exportOf(testbed.db, 'KEY-3')).state).toBe('held');
    const restarted = makeWorker(testbed.db, { clock: clock.now, pollMs: 20 });
    await restarted.start();
    const end = Date.now() + 10_000;
    while ((await exportOf(testbed.db, 'KEY-3')).state !== 'exported' && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    await restarted.stop();
    expect(await exportOf(testbed.db, 'KEY-3')).toMatchObject({ state: 'exported', attempts: 1 });
  });
});
