import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import {
  attemptsOf,
  exportChannel,
  exportOf,
  FakeClock,
  makeWorker,
  useExportTestbed,
} from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;

const counts = (n: string) => sim().counts.orders['10000']?.[n];

async function take(clock: FakeClock, number: string, order = sampleOrder(number)) {
  const result = await intakeOrder(testbed.db, { channelId: 'b2c', body: order, now: clock.now() });
  if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.kind}`);
}

/** Runs the worker, moving the clock to each next attempt, until the export stops being retried. */
async function runToEnd(
  clock: FakeClock,
  number: string,
  worker = makeWorker(testbed.db, { clock: clock.now }),
) {
  for (let i = 0; i < 20; i += 1) {
    await worker.runOnce();
    const row = await exportOf(testbed.db, number);
    if (!row.nextAttemptAt) return row;
    clock.set(row.nextAttemptAt);
  }
  throw new Error('never settled');
}

describe('export outcomes', () => {
  it('retries 500s with growing delays, unchanged, and exports on the 4th attempt', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), {
      settings: { retryInitialDelaySeconds: 10, maxAttempts: 8, escalationThreshold: 5 },
    });
    await take(clock, 'R-1');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    sim().setFaults({ errorRate: 1, onlyPaths: ['/rest/order-service'] });
    for (let i = 0; i < 3; i += 1) {
      expect(await worker.runOnce()).toBe(1);
      const row = await exportOf(testbed.db, 'R-1');
      expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'http_5xx' });
      clock.set(row.nextAttemptAt);
    }
    sim().setFaults({});
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'R-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'created', attempts: 4, escalatedAt: null });
    const attempts = await attemptsOf(testbed.db, row.id);
    expect(attempts.map((a) => [a.cause, a.outcome, a.response?.status])).toEqual([
      ['initial', 'technical_error', 500],
      ['automatic', 'technical_error', 500],
      ['automatic', 'technical_error', 500],
      ['automatic', 'created', 201],
    ]);
    const delays = attempts.slice(0, 3).map((a) => (a.nextAttemptAt?.getTime() ?? 0) - a.startedAt.getTime());
    expect(delays).toEqual([9000, 18000, 36000]); // 10 s doubling, jitter 0.5 × 20 %
    expect(new Set(attempts.map((a) => a.request?.body)).size).toBe(1);
    expect(counts('R-1')).toMatchObject({ posts: 4, created: 1 });
  });

  it('a lost response is a duplicate, found by looking the order up: exported, never failed', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'L-1');
    sim().setFaults({ lostResponseRate: 1 });
    const row = await runToEnd(clock, 'L-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 1 });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt).toMatchObject({ outcome: 'duplicate', errorClass: 'connection_reset', response: null });
    expect(attempt?.lookup).toMatchObject({ status: 200, found: true });
    expect(counts('L-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it("IOM's duplicate report counts as exported", async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'D-1');
    sim().setFaults({ duplicateRate: 1 });
    const row = await runToEnd(clock, 'D-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate' });
    expect((await attemptsOf(testbed.db, row.id))[0]?.iomErrors?.[0]?.code).toBe('ORDER_ALREADY_EXISTS');
  });

  it('a 400 validation error needs a fix: failed, no retry, with IOM’s codes and messages', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    // Passes the intake, but IOM wants more (a position without product).
    const order = sampleOrder('V-1');
    const buckets = order.shippingBuckets as { positions: Record<string, unknown>[] }[];
    delete buckets[0]?.positions[0]?.product;
    await take(clock, 'V-1', order);
    const row = await runToEnd(clock, 'V-1');
    expect(row).toMatchObject({
      state: 'failed',
      outcome: 'validation_error',
      attempts: 1,
      nextAttemptAt: null,
    });
    expect(row.lastErrorMessage).toContain('VALIDATION_EXCEPTION');
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.iomErrors?.[0]?.message).toMatch(/product/);
    expect(counts('V-1')?.posts).toBe(1);
  });

  it('a 401 needs a fix of the credentials; the password never reaches the attempt log', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { password: 'wrong-secret-password' });
    await take(clock, 'U-1');
    const row = await runToEnd(clock, 'U-1');
    expect(row).toMatchObject({
      state: 'failed',
      outcome: 'validation_error',
      lastErrorClass: 'unauthorized',
    });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.request?.headers.authorization).toBe('Basic (redacted)');
    expect(JSON.stringify(attempt)).not.toContain(
      Buffer.from('consumer_ws:wrong-secret-password').toString('base64'),
    );
  });

  it('escalates once the threshold of failed attempts is reached, and stops after maxAttempts', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), {
      settings: { retryInitialDelaySeconds: 1, maxAttempts: 4, escalationThreshold: 2 },
    });
    await take(clock, 'E-1');
    sim().setFaults({ errorRate: 1 });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    expect((await exportOf(testbed.db, 'E-1')).state).toBe('pending');
    clock.set((await exportOf(testbed.db, 'E-1')).nextAttemptAt);
    await worker.runOnce();
    const escalated = await exportOf(testbed.db, 'E-1');
    expect(escalated).toMatchObject({ state: 'escalated', attempts: 2 });
    expect(escalated.escalatedAt?.getTime()).toBe(clock.ms);
    const row = await runToEnd(clock, 'E-1', worker);
    expect(row).toMatchObject({
      state: 'escalated',
      attempts: 4,
      nextAttemptAt: null,
      outcome: 'technical_error',
    });
    expect(row.escalatedAt).toEqual(escalated.escalatedAt);
  });

  it('keeps a capped response body with a truncated flag', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'G-1');
    sim().setFaults({ garbageHtml: true });
    const worker = makeWorker(testbed.db, { clock: clock.now, responseBodyLimit: 64 });
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'G-1');
    expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'garbage' });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.response).toMatchObject({ status: 200, truncated: true });
    expect(attempt?.response?.body.length).toBeLessThanOrEqual(64);
  });

  it('refuses an endpoint the outbound policy forbids, as a configuration to fix', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'P-1');
    const { probeEnvironmentFrom } = await import('../../server/probes/environment.ts');
    const worker = makeWorker(testbed.db, {
      clock: clock.now,
      probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: [] }),
    });
    await worker.runOnce();
    expect(await exportOf(testbed.db, 'P-1')).toMatchObject({ state: 'failed', lastErrorClass: 'policy' });
    expect(counts('P-1')).toBeUndefined();
  });

  it('a timeout is a technical error when the look-up does not find the order; the retry exports it', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { timeoutMs: 300 });
    await take(clock, 'H-1');
    sim().setFaults({ hangRate: 1 });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'H-1');
    expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'timeout' });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.lookup).toMatchObject({ found: false, status: null });
    sim().setFaults({});
    const done = await runToEnd(clock, 'H-1', worker);
    expect(done).toMatchObject({ state: 'exported', outcome: 'created', attempts: 2 });
  });

  it('stores answers holding NUL characters or unpaired surrogates (PostgreSQL refuses both) with them replaced', async () => {
    // An IOM stand-in (behind a broken proxy, say): first a 500 with a NUL byte in its body, then a 400 whose
    // error report holds NUL characters and an unpaired surrogate as JSON escapes.
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      if (requests === 1) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('upstream\u0000failed');
        return;
      }
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        '{"status":400,"errors":[{"code":"VALIDATION\\u0000","message":"bad\\u0000value","value":"\\ud800"}]}',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const clock = new FakeClock();
      const configId = await exportChannel(testbed.db, sim());
      const { port } = server.address() as AddressInfo;
      await testbed.db
        .update(serviceConfigs)
        .set({ endpoint: `http://127.0.0.1:${port}/rest/order-service` })
        .where(eq(serviceConfigs.id, configId));
      await take(clock, 'N-1');
      const worker = makeWorker(testbed.db, { clock: clock.now });
      await worker.runOnce();
      const first = await exportOf(testbed.db, 'N-1');
      expect(first).toMatchObject({ state: 'pending', outcome: 'technical_error', attempts: 1 });
      clock.set(first.nextAttemptAt);
      await worker.runOnce();
      const row = await exportOf(testbed.db, 'N-1');
      expect(row).toMatchObject({
        state: 'failed',
        outcome: 'validation_error',
        attempts: 2,
        lastIomErrorCode: 'VALIDATION\uFFFD',
      });
      const [technical, validation] = await attemptsOf(testbed.db, row.id);
      expect(technical?.response).toMatchObject({ status: 500, body: 'upstream\uFFFDfailed' });
      expect(validation?.iomErrors?.[0]).toMatchObject({
        code: 'VALIDATION\uFFFD',
        message: 'bad\uFFFDvalue',
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
