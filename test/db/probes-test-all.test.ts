import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeBatches, probeRuns, serviceConfigs } from '../../drizzle/schema/index.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import type { TestAllEvent } from '../../server/probes/batchProgress.ts';
import { followTestAll } from '../../server/probes/batchProgress.ts';
import { probeBatchesIdle } from '../../server/probes/batchRunner.ts';
import { signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { startListener } from '../helpers/listener.ts';
import { useSimulator } from '../helpers/simulator.ts';

/**
 * Test all is started by a mutation and followed by a subscription that starts nothing, so following a link
 * (a GET) never runs a test nor sends a stored password anywhere; its progress lives in the database.
 */
const STORED = 'Test-all stored pässword 2d9b';
const hanging = useSimulator({ faults: { hangRate: 1 } });

let tdb: TestDatabase;
let app: FastifyInstance;
let listener: Awaited<ReturnType<typeof startListener>>;
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp({
    database: tdb,
    env: loadEnv({}),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
});
afterAll(async () => {
  await app.close();
  await tdb.close();
});
beforeEach(async () => {
  await tdb.reset();
  listener = await startListener();
});
afterEach(async () => {
  await probeBatchesIdle();
  await listener.close();
});

async function setup(endpoint = `${listener.url}/rest/order-service`) {
  const admin = await signedInAs(tdb.db, 'admin');
  await admin.caller.channels.create({
    id: 'b2c',
    name: 'B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
  });
  const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
  const { service } = await cm.caller.services.create({
    channelId: 'b2c',
    type: 'order-export',
    active: true,
    endpoint,
    username: 'consumer_ws',
    password: STORED,
    timeoutMs: 1000,
  });
  return { admin, cm, service };
}

async function collect(events: AsyncIterable<TestAllEvent>): Promise<TestAllEvent[]> {
  const all: TestAllEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const stored = async () => ({
  batches: (await tdb.db.select().from(probeBatches)).length,
  runs: (await tdb.db.select().from(probeRuns)).length,
});

describe('starting test all', () => {
  it('a GET (a followed link) runs nothing and sends nothing; the mutation runs the tests', async () => {
    const { cm } = await setup();
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({})));
    const headers = { cookie: `switchboard_session=${cm.token}` };
    for (const path of ['probes.startTestAll', 'probes.testAll']) {
      const answer = await app.inject({ method: 'GET', url: `/trpc/${path}?input=${input}`, headers });
      expect(answer.statusCode, `GET ${path}: ${answer.body}`).toBe(path === 'probes.testAll' ? 404 : 405);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await probeBatchesIdle();
    expect(await stored()).toEqual({ batches: 0, runs: 0 });
    expect(listener.received).toEqual([]);

    const started = await app.inject({
      method: 'POST',
      url: '/trpc/probes.startTestAll',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(superjson.serialize({})),
    });
    expect(started.statusCode, started.body).toBe(200);
    const { batchId, total } = superjson.deserialize<{ batchId: string; total: number }>(
      started.json<{ result: { data: never } }>().result.data,
    );
    expect(total).toBe(1);
    await probeBatchesIdle();
    const runs = await tdb.db.select().from(probeRuns);
    expect(runs).toMatchObject([{ batchId, trigger: 'test-all', runBy: cm.user.email }]);
    // At the endpoint it was saved with, for the channel's own manager, the stored password is used.
    expect(listener.passwords()).toContain(STORED);
    // Following it is a GET (server-sent events) that only reads.
    const follow = await app.inject({
      method: 'GET',
      url: `/trpc/probes.testAllProgress?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ batchId })))}`,
      headers,
    });
    expect(follow.statusCode).toBe(200);
    expect(follow.headers['content-type']).toContain('text/event-stream');
    expect(follow.body).toMatch(/"kind":"end","status":"finished"/);
    expect(await stored()).toEqual({ batches: 1, runs: 1 });
  });

  it('only its starter, or an admin, follows or cancels a batch', async () => {
    const { admin, cm } = await setup();
    const { batchId } = await cm.caller.probes.startTestAll({ channelId: 'b2c' });
    const other = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
    for (const refused of [
      await rejection(other.caller.probes.testAllProgress({ batchId })),
      await rejection(other.caller.probes.cancelTestAll({ batchId })),
    ]) {
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('Only the person who started this test-all run, or an admin');
    }
    expect((await rejection(cm.caller.probes.testAllProgress({ batchId: randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );
    const events = await collect(await admin.caller.probes.testAllProgress({ batchId }));
    expect(events.at(-1)).toMatchObject({ kind: 'end', status: 'finished', done: 1, total: 1 });
    expect(events.map((e) => e.kind)).toEqual(['start', 'result', 'end']);
  });

  it('a cancel stops it before the next test; its follower hears it was cancelled', async () => {
    const { admin, cm } = await setup(`${hanging().url}/rest/order-service`);
    for (const type of ['rma', 'inventory'] as const)
      await cm.caller.services.create({
        channelId: 'b2c',
        type,
        active: true,
        endpoint: `${hanging().url}/rest/order-service`,
        timeoutMs: 1000,
      });
    const { batchId, total } = await cm.caller.probes.startTestAll({ concurrency: 1 });
    expect(total).toBe(3);
    const following = collect(await cm.caller.probes.testAllProgress({ batchId }));
    expect(await cm.caller.probes.cancelTestAll({ batchId })).toMatchObject({
      batchId,
      cancelledAt: expect.any(Date) as Date,
    });
    expect((await following).at(-1)).toMatchObject({ kind: 'end', status: 'cancelled', total: 3 });
    await probeBatchesIdle();
    // The test in flight finished and is kept; none started after the cancel.
    expect((await stored()).runs).toBeLessThanOrEqual(1);
    const [batch] = await tdb.db.select().from(probeBatches).where(eq(probeBatches.id, batchId));
    expect(batch?.finishedAt).not.toBeNull();
    // Cancelling an ended batch changes nothing.
    const again = await admin.caller.probes.cancelTestAll({ batchId });
    expect(again.cancelledAt).toEqual(batch?.cancelledAt);
  });

  it('is followed from the database: a batch whose instance went quiet ends as interrupted', async () => {
    const { cm, service } = await setup();
    const [batch] = await tdb.db
      .insert(probeBatches)
      .values({ startedBy: cm.user.id, total: 3, heartbeatAt: sql`now() - interval '1 minute'` })
      .returning();
    const [config] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, service.id));
    await tdb.db.insert(probeRuns).values({
      configId: service.id,
      channelId: 'b2c',
      outcome: 'ok',
      message: 'IOM answered.',
      steps: [],
      totalMs: 12,
      configVersion: config?.version ?? 1,
      runBy: cm.user.email,
      trigger: 'test-all',
      batchId: batch?.id ?? null,
    });
    const events = await collect(
      await followTestAll(tdb.db, cm.user, { batchId: batch?.id }, undefined, { pollMs: 20 }),
    );
    expect(events.map((e) => e.kind)).toEqual(['start', 'result', 'end']);
    expect(events[1]).toMatchObject({
      kind: 'result',
      done: 1,
      total: 3,
      configId: service.id,
      type: 'order-export',
    });
    expect(events[2]).toMatchObject({ kind: 'end', status: 'interrupted', done: 1, total: 3 });
    expect((events[2] as { message: string }).message).toContain('start Test all again');
    expect(listener.received).toEqual([]);
  });
});
