import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { ensureChannels, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { exportChannel, setSettings } from '../helpers/exports.ts';
import { useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();
let tdb: TestDatabase;
let app: FastifyInstance;
let token: string;
let otherToken: string;
let configId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp({
    database: tdb,
    env: loadEnv({
      SWITCHBOARD_INTAKE_MAX_BYTES: '4096',
      SWITCHBOARD_METRICS: 'token:metrics-secret-0123456789',
    }),
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
  configId = await exportChannel(tdb.db, sim(), { settings: { exportTrigger: 'on-order-approval' } });
  await ensureChannels(tdb.db, ['other']);
  token = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] })).token;
  otherToken = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM other', channels: ['other'] })).token;
});

const post = (body: unknown, options: { channel?: string; auth?: string | null; type?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/channels/${options.channel ?? 'b2c'}/orders`,
    headers: {
      ...(options.auth === null ? {} : { authorization: options.auth ?? `Bearer ${token}` }),
      'content-type': options.type ?? 'application/json',
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string, auth = `Bearer ${token}`) =>
  app.inject({ method: 'GET', url: `/api/v1/channels/b2c/orders/${path}`, headers: { authorization: auth } });

describe('order intake API', () => {
  it('takes an order (202), answers a repeat with the existing export (200) and a changed one with 409', async () => {
    const accepted = await post(sampleOrder('ICM-1'));
    expect(accepted.statusCode).toBe(202);
    const view = accepted.json<{ id: string; state: string }>();
    expect(view).toMatchObject({ shopOrderNumber: 'ICM-1', state: 'held', outcome: null, attempts: 0 });
    const again = await post(sampleOrder('ICM-1'), { type: 'application/vnd.intershop.order.v2+json' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: view.id, state: 'held' });
    const changed = await post(sampleOrder('ICM-1', { project: 'another' }));
    expect(changed.statusCode).toBe(409);
    expect(changed.json<{ message: string }>().message).toMatch(/different body/);
    const read = await get('ICM-1');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      id: view.id,
      state: 'held',
      outcome: null,
      attempts: 0,
      nextAttemptAt: null,
    });
  });

  it('approves an order held for approval', async () => {
    await post(sampleOrder('ICM-2'));
    const approval = await app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2c/orders/ICM-2/approval',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(approval.statusCode).toBe(200);
    expect(approval.json()).toMatchObject({ state: 'pending' });
    expect((await get('ICM-2')).json<{ nextAttemptAt: string }>().nextAttemptAt).toBeTruthy();
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2c/orders/ICM-404/approval',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('names every missing or invalid field with 400, and stores nothing', async () => {
    const empty = await post({});
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json<{ fieldErrors: object }>().fieldErrors).sort()).toEqual([
      'customerData',
      'invoiceAddress',
      'payment',
      'sales',
      'shippingBuckets',
      'shopOrderCreationDate',
      'shopOrderNumber',
    ]);
    const spaced = await post(sampleOrder('ICM 3'));
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json<{ fieldErrors: object }>().fieldErrors).toHaveProperty('shopOrderNumber');
    const array = await post([1, 2]);
    expect(array.statusCode).toBe(400);
    expect((await get('ICM%203')).statusCode).toBe(400);
    expect((await get('ICM-3')).statusCode).toBe(404);
  });

  it('answers invalid JSON with 400, a wrong media type with 415 and an oversized body with 413', async () => {
    const broken = await post('{"shopOrderNumber": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'invalid_json' });
    expect((await post('')).statusCode).toBe(400);
    expect((await post('x', { type: 'text/plain' })).statusCode).toBe(415);
    // Text PostgreSQL cannot store, escaped in valid JSON: a NUL character and an unpaired surrogate.
    for (const text of ['Mil\u0000ler', 'Mil\ud800ler']) {
      const order = sampleOrder('ICM-NUL');
      const unstorable = await post(JSON.stringify(order).replace('"Miller"', JSON.stringify(text)));
      expect(unstorable.statusCode).toBe(400);
      expect(unstorable.json()).toMatchObject({ error: 'invalid_json' });
      expect(unstorable.json<{ message: string }>().message).toMatch(
        /^\w+(\.\w+|\[\d+\])*\.person\.lastName: (Remove the NUL character|Send valid Unicode)/,
      );
    }
    expect((await get('ICM-NUL')).statusCode).toBe(404);
    const big = await post(sampleOrder('ICM-4', { project: 'x'.repeat(5000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toMatch(/4096 bytes.*SWITCHBOARD_INTAKE_MAX_BYTES/);
  });

  it('refuses a missing or unknown token (401), another channel’s token (403) and an unknown channel (404)', async () => {
    const none = await post(sampleOrder('X-1'), { auth: null });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    expect((await post(sampleOrder('X-1'), { auth: 'Bearer sbt_not-a-token' })).statusCode).toBe(401);
    expect((await post(sampleOrder('X-1'), { auth: 'Basic abc' })).statusCode).toBe(401);
    expect((await post(sampleOrder('X-1'), { auth: `Bearer ${otherToken}` })).statusCode).toBe(403);
    expect((await get('X-1', `Bearer ${otherToken}`)).statusCode).toBe(403);
    expect((await post(sampleOrder('X-1'), { channel: 'nowhere' })).statusCode).toBe(404);
    expect((await get('X-1')).statusCode).toBe(404);
  });

  it('holds orders of a channel without an active order-export service as waiting_for_configuration', async () => {
    const response = await post(sampleOrder('N-1'), { channel: 'other', auth: `Bearer ${otherToken}` });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ state: 'waiting_for_configuration' });
    await setSettings(tdb.db, configId, { exportTrigger: 'manual' });
    expect((await post(sampleOrder('N-2'))).json()).toMatchObject({ state: 'held', heldFor: 'manual' });
  });

  it('serves /metrics to the holder of the metrics secret only', async () => {
    await post(sampleOrder('MX-1'));
    expect((await app.inject('/metrics')).statusCode).toBe(401);
    const metrics = await app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-secret-0123456789' },
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('switchboard_exports{state="held",outcome="none"} 1');
    expect(metrics.body).toMatch(/switchboard_export_queue_depth 0/);
    expect(metrics.body).toMatch(/# TYPE switchboard_export_attempt_duration_seconds histogram/);
  });
});
