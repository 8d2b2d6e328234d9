import { eq } from 'drizzle-orm';
import { CATALOGUE, SERVICE_TYPES } from '../../shared/catalogue/index.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeRuns, serviceConfigs } from '../../drizzle/schema/index.ts';
import type { TestAllEvent } from '../../server/probes/batchProgress.ts';
import { ensureChannels, signedInAs, type callerFor } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator({
  users: [
    { username: 'consumer_ws', password: 'consumer_ws' },
    // May read order states, but not create orders.
    { username: 'reader_ws', password: 'reader_ws', permissions: ['Order status web service'] },
  ],
});
const hanging = useSimulator({ faults: { hangRate: 1 } });

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

async function setup() {
  const admin = await signedInAs(tdb.db, 'admin');
  await admin.caller.channels.create({
    id: 'b2c',
    name: 'B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
    iomBaseUrl: sim().url,
  });
  const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
  const { service } = await cm.caller.services.create({
    channelId: 'b2c',
    type: 'order-export',
    username: 'consumer_ws',
    password: 'consumer_ws',
    active: true,
  });
  return { admin, cm, service };
}

/** Starts Test all, then follows its progress to the end. */
async function testAll(
  caller: ReturnType<typeof callerFor>,
  input: { channelId?: string; concurrency?: number },
): Promise<TestAllEvent[]> {
  const { batchId } = await caller.probes.startTestAll(input);
  const events: TestAllEvent[] = [];
  for await (const event of await caller.probes.testAllProgress({ batchId })) events.push(event);
  return events;
}

describe('connectivity tests through the API', () => {
  it('tests a saved configuration and keeps the result with who ran it', async () => {
    const { cm, service } = await setup();
    const run = await cm.caller.probes.testSaved({ configId: service.id });
    expect(run).toMatchObject({
      outcome: 'ok',
      channelId: 'b2c',
      configId: service.id,
      runBy: cm.user.email,
      trigger: 'manual',
      configVersion: 1,
    });
    expect(run.steps.map((s) => s.step)).toEqual(['policy', 'dns', 'tcp', 'tls', 'application', 'health']);
    const history = await cm.caller.probes.history({ configId: service.id });
    expect(history.map((r) => r.id)).toEqual([run.id]);
  });

  it('proves "Create order" without creating an order, and names the permission a user lacks', async () => {
    const { cm, service } = await setup();
    sim().reset();
    const run = await cm.caller.probes.testSaved({ configId: service.id });
    expect(run.outcome).toBe('ok');
    expect(run.message).toBe(
      'IOM accepted the user for shop 10000 with "Create order" and "Order status web service". IOM refused the empty order as invalid: nothing was created.',
    );
    expect(sim().counts.shops['10000']).toMatchObject({ posts: 1, created: 0, invalid: 1 });
    const { service: reader } = await cm.caller.services.update({
      id: service.id,
      version: service.version,
      username: 'reader_ws',
      password: 'reader_ws',
    });
    const refused = await cm.caller.probes.testSaved({ configId: reader.id });
    expect(refused.outcome).toBe('auth_failed');
    expect(refused.message).toBe(
      'IOM answered 403 to POST /rest/order-service/shops/10000/orders: the IOM user lacks "Create order" for shop 10000; give it the ShopServiceClient role or that permission.',
    );
    expect(sim().counts.shops['10000']?.created).toBe(0);
  });

  it('tests an unsaved form with the stored password, storing nothing', async () => {
    const { cm, service } = await setup();
    const before = await tdb.db.select().from(serviceConfigs);
    const form = {
      channelId: 'b2c',
      type: 'order-export' as const,
      configId: service.id,
      endpoint: `${sim().url}/rest/order-service`,
      username: 'consumer_ws',
    };
    expect((await cm.caller.probes.testForm(form)).outcome).toBe('ok');
    const wrong = await cm.caller.probes.testForm({ ...form, password: 'typed-but-wrong' });
    expect(wrong.outcome).toBe('auth_failed');
    expect(wrong.steps.find((s) => s.status === 'failed')?.step).toBe('application');
    expect(await tdb.db.select().from(serviceConfigs)).toEqual(before);
    expect(await tdb.db.select().from(probeRuns)).toHaveLength(0);
  });

  it('keeps channel managers to their channels, and support to reading', async () => {
    const { admin, service } = await setup();
    await admin.caller.channels.create({
      id: 'b2b',
      name: 'B2B',
      iomShopId: '10001',
      iomShopName: 'inTRONICS Business',
    });
    const other = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2b'] });
    expect((await rejection(other.caller.probes.testSaved({ configId: service.id }))).code).toBe('FORBIDDEN');
    const form = { channelId: 'b2c', type: 'rma' as const, endpoint: `${sim().url}/rest/rma` };
    expect((await rejection(other.caller.probes.testForm(form))).code).toBe('FORBIDDEN');
    const support = await signedInAs(tdb.db, 'support');
    expect((await rejection(support.caller.probes.testSaved({ configId: service.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await support.caller.probes.history({ configId: service.id })).toEqual([]);
  });

  it('test all: 200 configurations of which 10 hang finish within about one timeout, results in the history', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    const types = SERVICE_TYPES;
    const channelIds = Array.from({ length: 25 }, (_, i) => `ch-${String(i).padStart(2, '0')}`);
    await ensureChannels(tdb.db, channelIds);
    const timeoutMs = 1500;
    const rows = channelIds.flatMap((channelId, c) =>
      types.map((type, t) => {
        const hangs = c * types.length + t < 10;
        const base = hangs ? hanging().url : sim().url;
        const path = CATALOGUE[type].defaultPath;
        return {
          channelId,
          type,
          active: true,
          endpoint: `${base}${path}`,
          username: 'consumer_ws',
          timeoutMs,
          settings: {},
        };
      }),
    );
    await tdb.db.insert(serviceConfigs).values(rows);
    const started = performance.now();
    const events = await testAll(admin.caller, { concurrency: 16 });
    const elapsed = performance.now() - started;
    expect(events[0]).toEqual({ kind: 'start', batchId: expect.any(String) as string, total: 200 });
    const results = events.filter((e) => e.kind === 'result');
    expect(results).toHaveLength(200);
    expect(results.map((r) => r.done)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const end = events[events.length - 1];
    expect(end).toMatchObject({ kind: 'end', status: 'finished', done: 200, total: 200, message: null });
    const outcomes = JSON.stringify(
      results.reduce<Record<string, number>>((n, r) => ({ ...n, [r.outcome]: (n[r.outcome] ?? 0) + 1 }), {}),
    );
    const odd = results.find((r) => r.outcome !== 'timeout' && r.outcome !== 'auth_failed')?.message ?? '';
    expect(
      results.filter((r) => r.outcome === 'timeout'),
      `${outcomes} ${odd}`,
    ).toHaveLength(10);
    expect(elapsed).toBeLessThan(timeoutMs + 6000);
    const stored = await tdb.db.select().from(probeRuns).where(eq(probeRuns.trigger, 'test-all'));
    expect(stored).toHaveLength(200);
    const batchId = events[0]?.kind === 'start' ? events[0].batchId : 'none';
    expect(stored.filter((r) => r.batchId === batchId)).toHaveLength(200);
  });

  it('test all of one channel tests only its active configurations', async () => {
    const { cm, service } = await setup();
    await cm.caller.services.create({ channelId: 'b2c', type: 'rma', active: false });
    const events = await testAll(cm.caller, { channelId: 'b2c' });
    const results = events.filter((e) => e.kind === 'result');
    expect(results.map((r) => r.configId)).toEqual([service.id]);
    const grid = await cm.caller.probes.grid();
    expect(grid.cells).toEqual([
      expect.objectContaining({ channelId: 'b2c', type: 'order-export', outcome: 'ok' }),
    ]);
  });
});
