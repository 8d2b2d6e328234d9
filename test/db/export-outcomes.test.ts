/**
 * What the exporter makes of IOM's answers, against the IOM simulator as IOM's Order API contract documents
 * it (no duplicate code, no 409, `STATE_` names, bodies only where declared), with Order API 2.0 — which has
 * no `GET …/orders/{n}` — and 2.2, which has: the exporter asks `order-states` either way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderExports, serviceConfigs } from '../../drizzle/schema/index.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder, type OrderApi } from '../../server/iom-simulator/index.ts';
import {
  attemptsOf,
  exportChannel,
  exportOf,
  FakeClock,
  makeWorker,
  useExportTestbed,
} from '../helpers/exports.ts';
import { postOrder } from '../helpers/simulator.ts';

const testbed = useExportTestbed();
const { sim } = testbed;

const counts = (n: string, shop = '10000') => sim().counts.orders[shop]?.[n];

async function take(clock: FakeClock, number: string, order = sampleOrder(number), channelId = 'b2c') {
  const result = await intakeOrder(testbed.db, { channelId, body: order, now: clock.now() });
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

async function until(what: string, condition: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Another order under the same number, as another ICM (or IOM's own range) would have created it. */
const otherOrder = (number: string) =>
  sampleOrder(number, {
    shopOrderCreationDate: '2026-01-10T08:00:00Z',
    customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-OTHER' },
    sales: {
      currencyCode: 'EUR',
      subTotal: { gross: { amount: 99.5 }, taxes: [{ type: 'VAT', amount: 15.89 }] },
      total: { gross: { amount: 99.5 }, taxes: [{ type: 'VAT', amount: 15.89 }] },
    },
  });

const ORDERS_PATH = '/rest/order-service/shops/10000/orders';

describe.each(['2.0', '2.2'] as OrderApi[])('export outcomes against Order API %s', (orderApi) => {
  beforeEach(() => {
    sim().setDialect({ orderApi });
  });

  it("creates the order on IOM's 201 with Location, without asking", async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'C-1');
    const row = await runToEnd(clock, 'C-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'created', attempts: 1 });
    expect(row.location).toMatch(/\/rest\/order-service\/shops\/10000\/orders\/C-1$/);
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.lookup).toBeNull();
    expect(counts('C-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it('a 400 for an order IOM does not hold is a validation error, with IOM’s report; the ask is logged', async () => {
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
      lastErrorClass: 'validation',
      attempts: 1,
      nextAttemptAt: null,
    });
    expect(row.lastErrorMessage).toContain('VALIDATION_EXCEPTION');
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.iomErrors?.[0]?.message).toMatch(/product/);
    expect(attempt?.lookup).toMatchObject({ found: false, verdict: 'not_found', status: 200 });
    expect(attempt?.lookup?.asks?.[0]).toMatchObject({
      reason: 'refused',
      request: {
        method: 'GET',
        url: `${sim().endpoints.orderService}/shops/10000/order-states?shopOrderNumbers=V-1`,
        headers: { accept: 'application/vnd.intershop.order.v2+json', authorization: 'Basic (redacted)' },
      },
      response: { status: 200 },
    });
    expect(counts('V-1')?.posts).toBe(1);
  });

  it('an order IOM already holds with the same content is a duplicate: exported, created once', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    expect((await postOrder(sim(), 10000, sampleOrder('D-1'))).status).toBe(201);
    await take(clock, 'D-1');
    const row = await runToEnd(clock, 'D-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 1 });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    // IOM answered its ordinary 400 VALIDATION_EXCEPTION; asking settled it.
    expect(attempt).toMatchObject({ outcome: 'duplicate', response: { status: 400 } });
    expect(attempt?.iomErrors?.[0]?.code).toBe('VALIDATION_EXCEPTION');
    expect(attempt?.lookup).toMatchObject({ found: true, verdict: 'same' });
    expect(attempt?.warning).toContain('already in IOM');
    expect(counts('D-1')).toMatchObject({ posts: 2, created: 1 });
  });

  it('another order under the number is a collision: failed, never exported, never retried', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await postOrder(sim(), 10000, otherOrder('5100031'));
    await take(clock, '5100031');
    const worker = makeWorker(testbed.db, { clock: clock.now });
    const row = await runToEnd(clock, '5100031', worker);
    expect(row).toMatchObject({
      state: 'failed',
      outcome: 'validation_error',
      lastErrorClass: 'collision',
      exportedAt: null,
      nextAttemptAt: null,
    });
    expect(row.lastErrorMessage).toMatch(
      /^IOM holds a different order under 5100031: customer C-OTHER, 99\.50 EUR, created 2026-01-10T08:00:00Z\. ICM's and IOM's number ranges overlap: see Order numbers\./,
    );
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.lookup).toMatchObject({ found: true, verdict: 'different' });
    expect(attempt?.lookup?.asks?.[0]?.iom).toMatchObject({ shopCustomerNumber: 'C-OTHER' });
    clock.advance(86_400_000);
    expect(await worker.runOnce()).toBe(0);
    expect(counts('5100031')).toMatchObject({ posts: 2, created: 1 });
    expect(sim().findOrder(10000, '5100031')?.body.customerData).toMatchObject({
      shopCustomerNumber: 'C-OTHER',
    });
  });

  it('a lost response: IOM is asked, holds the order: exported as a duplicate, created once', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'L-1');
    sim().setFaults({ lostResponseRate: 1 });
    const row = await runToEnd(clock, 'L-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 1 });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt).toMatchObject({ outcome: 'duplicate', errorClass: null, response: null });
    expect(attempt?.lookup).toMatchObject({ status: 200, found: true, verdict: 'same' });
    expect(attempt?.lookup?.asks?.[0]?.reason).toBe('ambiguous');
    expect(counts('L-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it('a 201 that arrives after the timeout: the next attempt asks first and does not send again', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { timeoutMs: 300 });
    await take(clock, 'T-1');
    sim().setFaults({ createDelayMs: 700 });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    const first = await exportOf(testbed.db, 'T-1');
    // Asked right after the timeout, IOM does not hold it yet.
    expect(first).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'timeout' });
    expect((await attemptsOf(testbed.db, first.id))[0]?.lookup).toMatchObject({
      found: false,
      verdict: 'not_found',
    });
    await until('IOM to store the slow order', () => sim().findOrder(10000, 'T-1') !== undefined);
    sim().setFaults({});
    const row = await runToEnd(clock, 'T-1', worker);
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 2 });
    const second = (await attemptsOf(testbed.db, row.id))[1];
    expect(second).toMatchObject({ request: null, response: null, outcome: 'duplicate' });
    expect(second?.lookup?.asks?.map((a) => [a.reason, a.verdict])).toEqual([['before_resend', 'same']]);
    expect(counts('T-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it('a worker killed after IOM stored the order: the taker asks first and exports it, created once', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'K-1');
    // The dead worker's request reached IOM; then the worker died before recording the answer.
    expect((await postOrder(sim(), 10000, sampleOrder('K-1'))).status).toBe(201);
    await testbed.db
      .update(orderExports)
      .set({ state: 'in_progress', leaseOwner: 'dead-worker', leaseExpiresAt: new Date(clock.ms + 5000) })
      .where(eq(orderExports.shopOrderNumber, 'K-1'));
    const worker = makeWorker(testbed.db, { clock: clock.now });
    clock.advance(6000);
    expect(await worker.runOnce()).toBe(1);
    const row = await exportOf(testbed.db, 'K-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 2 });
    const attempts = await attemptsOf(testbed.db, row.id);
    expect(attempts.map((a) => [a.number, a.errorClass, a.outcome])).toEqual([
      [1, 'worker_lost', 'technical_error'],
      [2, null, 'duplicate'],
    ]);
    expect(attempts[1]?.request).toBeNull();
    expect(counts('K-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it.each([
    ['401', { password: 'wrong-secret-password' }, 'unauthorized'],
    ['403', { username: 'b2c_ws', password: 'b2c_ws', shopId: 10001 }, 'forbidden'],
    ['415', {}, 'unsupported_media_type'],
  ] as const)('a %s needs a fix: failed, no retry, no ask', async (status, channel, errorClass) => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), channel);
    if (status === '415') sim().setFaults({ createAnswer: 'unsupported-media-type' });
    await take(clock, 'U-1');
    const row = await runToEnd(clock, 'U-1');
    expect(row).toMatchObject({ state: 'failed', outcome: 'validation_error', lastErrorClass: errorClass });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt).toMatchObject({ response: { status: Number(status) }, lookup: null });
    expect(attempt?.request?.headers.authorization).toBe('Basic (redacted)');
    expect(JSON.stringify(attempt)).not.toContain(
      Buffer.from('consumer_ws:wrong-secret-password').toString('base64'),
    );
  });

  it('a 404 to the POST is technical: retried', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { endpoint: `${sim().url}/rest/order-servce` });
    await take(clock, 'NF-1');
    await makeWorker(testbed.db, { clock: clock.now }).runOnce();
    const row = await exportOf(testbed.db, 'NF-1');
    expect(row).toMatchObject({
      state: 'pending',
      outcome: 'technical_error',
      lastErrorClass: 'http_status',
    });
    expect(row.nextAttemptAt).not.toBeNull();
  });

  it("a 429 waits at least IOM's Retry-After before the next attempt", async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { settings: { retryInitialDelaySeconds: 10 } });
    await take(clock, 'RA-1');
    sim().setFaults({ errorEveryNth: 1, errorStatus: 429, retryAfter: '600', onlyPaths: [ORDERS_PATH] });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'RA-1');
    expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error' });
    expect((row.nextAttemptAt?.getTime() ?? 0) - (row.lastAttemptAt?.getTime() ?? 0)).toBe(600_000);
    sim().setFaults({});
    clock.advance(599_000);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1000);
    expect(await worker.runOnce()).toBe(1);
    expect(await exportOf(testbed.db, 'RA-1')).toMatchObject({ state: 'exported', outcome: 'created' });
  });

  it('a 301 is an endpoint to correct: failed, not retried, its Location not kept', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'M-1');
    sim().setFaults({ createAnswer: 'moved-permanently' });
    const row = await runToEnd(clock, 'M-1');
    expect(row).toMatchObject({
      state: 'failed',
      outcome: 'validation_error',
      lastErrorClass: 'redirect',
      location: null,
    });
    expect(row.lastErrorMessage).toBe(
      `IOM answered 301 to ${sim().endpoints.orderService}/shops/10000/orders: correct the endpoint (the answer points to https://moved.invalid${ORDERS_PATH}). Exports never follow redirects.`,
    );
  });

  it.each([
    ['html-as-text', 'garbage'],
    ['html-untyped', 'garbage'],
    ['no-content', 'unproven'],
    ['error-report-200', 'unproven'],
  ] as const)(
    'a 2xx that is not IOM’s 201 (%s) is asked about: not found, never exported',
    async (answer, errorClass) => {
      const clock = new FakeClock();
      await exportChannel(testbed.db, sim(), { settings: { maxAttempts: 3, escalationThreshold: 3 } });
      await take(clock, 'G-1');
      sim().setFaults({ createAnswer: answer });
      const row = await runToEnd(clock, 'G-1');
      expect(row).toMatchObject({
        state: 'escalated',
        outcome: 'technical_error',
        lastErrorClass: errorClass,
      });
      expect(row.exportedAt).toBeNull();
      const attempts = await attemptsOf(testbed.db, row.id);
      expect(attempts).toHaveLength(3);
      expect(attempts.every((a) => a.outcome === 'technical_error')).toBe(true);
      // From the second attempt on IOM is asked first, then sent to again.
      expect(attempts[1]?.lookup?.asks?.map((a) => [a.reason, a.verdict])).toEqual([
        ['before_resend', 'not_found'],
        ['unproven', 'not_found'],
      ]);
      expect(counts('G-1')).toMatchObject({ posts: 3, created: 0 });
    },
  );

  it('a 201 without Location is confirmed by asking: created', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'NL-1');
    sim().setFaults({ createAnswer: 'created-without-location' });
    const row = await runToEnd(clock, 'NL-1');
    expect(row).toMatchObject({ state: 'exported', outcome: 'created', location: null });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.warning).toContain('IOM was asked');
    expect(counts('NL-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it.each([
    ['empty-object', /data list/],
    ['html', /page/],
    ['server-error', /IOM answered 500/],
  ] as const)('an ask answered with %s proves nothing: technical, never exported', async (states, why) => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    // The order is in IOM (lost response), but order-states does not answer usefully.
    await take(clock, 'Q-1');
    sim().setFaults({ lostResponseRate: 1, orderStatesAnswer: states });
    await makeWorker(testbed.db, { clock: clock.now }).runOnce();
    const row = await exportOf(testbed.db, 'Q-1');
    expect(row).toMatchObject({
      state: 'pending',
      outcome: 'technical_error',
      lastErrorClass: 'lookup_failed',
    });
    expect(row.lastErrorMessage).toMatch(why);
    expect(row.exportedAt).toBeNull();
    // Once order-states answers, the next attempt asks first and finds it: exported, created once.
    sim().setFaults({});
    clock.set(row.nextAttemptAt);
    const done = await runToEnd(clock, 'Q-1');
    expect(done).toMatchObject({ state: 'exported', outcome: 'duplicate', attempts: 2 });
    expect(counts('Q-1')).toMatchObject({ posts: 1, created: 1 });
  });

  it('a 400 whose ask answers {} is not a validation error: technical, asked again first', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await postOrder(sim(), 10000, sampleOrder('Q-2'));
    await take(clock, 'Q-2');
    sim().setFaults({ orderStatesAnswer: 'empty-object' });
    await makeWorker(testbed.db, { clock: clock.now }).runOnce();
    const row = await exportOf(testbed.db, 'Q-2');
    expect(row).toMatchObject({
      state: 'pending',
      outcome: 'technical_error',
      lastErrorClass: 'lookup_failed',
    });
    sim().setFaults({});
    clock.set(row.nextAttemptAt);
    expect(await runToEnd(clock, 'Q-2')).toMatchObject({ state: 'exported', outcome: 'duplicate' });
    // The second attempt asked first, so it did not post again.
    expect(counts('Q-2')).toMatchObject({ posts: 2, created: 1 });
  });
});

describe('export outcomes: retries and escalation', () => {
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
    expect(attempts.map((a) => [a.cause, a.outcome, a.response?.status, a.lookup])).toEqual([
      ['initial', 'technical_error', 500, null],
      ['automatic', 'technical_error', 500, null],
      ['automatic', 'technical_error', 500, null],
      ['automatic', 'created', 201, null],
    ]);
    const delays = attempts.slice(0, 3).map((a) => (a.nextAttemptAt?.getTime() ?? 0) - a.startedAt.getTime());
    expect(delays).toEqual([9000, 18000, 36000]); // 10 s doubling, jitter 0.5 × 20 %
    expect(new Set(attempts.map((a) => a.request?.body)).size).toBe(1);
    expect(counts('R-1')).toMatchObject({ posts: 4, created: 1 });
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

  it('a timeout IOM does not hold the order after is technical; the retry asks first, then sends', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim(), { timeoutMs: 300 });
    await take(clock, 'H-1');
    sim().setFaults({ hangRate: 1, onlyPaths: [ORDERS_PATH] });
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'H-1');
    expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'timeout' });
    expect(row.lastErrorMessage).toContain('does not hold the order (yet)');
    sim().setFaults({});
    const done = await runToEnd(clock, 'H-1', worker);
    expect(done).toMatchObject({ state: 'exported', outcome: 'created', attempts: 2 });
    const second = (await attemptsOf(testbed.db, done.id))[1];
    expect(second?.lookup?.asks?.map((a) => a.reason)).toEqual(['before_resend']);
  });

  it('keeps a capped response body with a truncated flag', async () => {
    const clock = new FakeClock();
    await exportChannel(testbed.db, sim());
    await take(clock, 'G-2');
    sim().setFaults({ createAnswer: 'html-as-text' });
    const worker = makeWorker(testbed.db, { clock: clock.now, responseBodyLimit: 64 });
    await worker.runOnce();
    const row = await exportOf(testbed.db, 'G-2');
    expect(row).toMatchObject({ state: 'pending', outcome: 'technical_error', lastErrorClass: 'garbage' });
    const [attempt] = await attemptsOf(testbed.db, row.id);
    expect(attempt?.response).toMatchObject({ status: 200, truncated: true });
    expect(attempt?.response?.body.length).toBeLessThanOrEqual(64);
    expect(attempt?.lookup?.asks?.[0]?.response?.body.length).toBeLessThanOrEqual(64);
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

  it('stores answers holding NUL characters or unpaired surrogates (PostgreSQL refuses both) with them replaced', async () => {
    // An IOM stand-in (behind a broken proxy, say): first a 500 with a NUL byte in its body, then a 400 whose
    // error report holds NUL characters and an unpaired surrogate as JSON escapes; it holds no orders.
    let posts = 0;
    const server = createServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/vnd.intershop.order.v2+json' });
        res.end('{"data":[],"meta":{"totalCount":0}}');
        return;
      }
      posts += 1;
      if (posts === 1) {
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
