import { beforeEach, describe, expect, it } from 'vitest';
import {
  DUPLICATE_ORDER_CODE,
  sampleOrder,
  startIomSimulator,
  VALIDATION_CODE,
} from '../../server/iom-simulator/index.ts';
import { CONSUMER_AUTH, get, postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();
const statesUrl = () => `${sim().endpoints.orderService}/shops/10000/order-states?limit=1`;

async function statuses(count: number, url = statesUrl()): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await get(url)).status);
  return result;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

beforeEach(() => {
  sim().setFaults({});
  sim().setDialect({});
  sim().reset();
});

describe('IOM simulator faults', () => {
  it('adds latency, optionally only under a path prefix', async () => {
    sim().setFaults({ latencyMs: 300 });
    expect(await timed(() => get(statesUrl()))).toBeGreaterThanOrEqual(280);
    sim().setFaults({ latencyByPath: { '/rest/rma': 300 } });
    expect(await timed(() => get(statesUrl()))).toBeLessThan(250);
    expect(
      await timed(() => get(`${sim().endpoints.rma}/shops/inTRONICS/return-reasons`)),
    ).toBeGreaterThanOrEqual(280);
    expect(sim().counts.faults.latency).toBe(2);
  });

  it('answers a seeded share of 500s, the same pattern on every run', async () => {
    sim().setFaults({ errorRate: 0.5, seed: 42 });
    const first = await statuses(20);
    sim().reset();
    const second = await statuses(20);
    expect(second).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(sim().counts.faults.error).toBe(first.filter((s) => s === 500).length);
    sim().setFaults({ errorRate: 0.5, seed: 43 });
    expect(await statuses(20)).not.toEqual(first);
  });

  it('answers every Nth request with 500 and no body (IOM declares none); errorBodies adds a report', async () => {
    sim().setFaults({ errorEveryNth: 3 });
    expect(await statuses(6)).toEqual([200, 200, 500, 200, 200, 500]);
    expect(await statuses(2)).toEqual([200, 200]);
    const ninth = await get(statesUrl());
    expect(await ninth.text()).toBe('');
    sim().setDialect({ errorBodies: true });
    await statuses(2);
    const twelfth = await get(statesUrl());
    sim().setDialect({});
    expect(await twelfth.json()).toMatchObject({ status: 500, errors: [{ code: 'INTERNAL_SERVER_ERROR' }] });
  });

  it("answers the error fault with another status and IOM's Retry-After", async () => {
    sim().setFaults({ errorEveryNth: 1, errorStatus: 503, retryAfter: '120' });
    const res = await get(statesUrl());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('120');
    sim().setFaults({ errorEveryNth: 1, errorStatus: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    const limited = await get(statesUrl());
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([
      429,
      'Wed, 21 Oct 2026 07:28:00 GMT',
    ]);
    sim().setFaults({ errorEveryNth: 1, errorStatus: 504 });
    const gateway = await get(statesUrl());
    expect([gateway.status, gateway.headers.get('retry-after')]).toEqual([504, null]);
  });

  it('hangs a request until the client gives up', async () => {
    sim().setFaults({ hangEveryNth: 1 });
    const started = performance.now();
    await expect(get(statesUrl(), CONSUMER_AUTH, AbortSignal.timeout(300))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(sim().counts.faults.hang).toBe(1);
    sim().setFaults({});
    expect((await get(statesUrl())).status).toBe(200);
  });

  it('loses the response after storing the order: a network error, yet order-states has it', async () => {
    sim().setFaults({ lostResponseEveryNth: 1 });
    await expect(postOrder(sim(), 10000, sampleOrder('LOST-1'))).rejects.toThrow(TypeError);
    sim().setFaults({});
    const found = await get(
      `${sim().endpoints.orderService}/shops/10000/order-states?shopOrderNumbers=LOST-1`,
    );
    expect(((await found.json()) as { data: { shopOrderNumber: string }[] }).data).toEqual([
      expect.objectContaining({ shopOrderNumber: 'LOST-1', status: 'STATE_INITIAL' }),
    ]);
    expect(sim().counts.orders['10000']?.['LOST-1']).toMatchObject({ posts: 1, created: 1 });
    expect(sim().counts.faults.lostResponse).toBe(1);
    const retry = await postOrder(sim(), 10000, sampleOrder('LOST-1'));
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ errors: [{ code: VALIDATION_CODE, value: 'LOST-1' }] });
  });

  it('stores a new order but refuses it as a used number on demand', async () => {
    sim().setFaults({ duplicateEveryNth: 2 });
    expect((await postOrder(sim(), 10000, sampleOrder('D-1'))).status).toBe(201);
    const second = await postOrder(sim(), 10000, sampleOrder('D-2'));
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ errors: [{ code: VALIDATION_CODE, value: 'D-2' }] });
    expect(sim().findOrder(10000, 'D-2')).toBeDefined();
    sim().setDialect({ duplicateCode: true });
    const fourth =
      (await postOrder(sim(), 10000, sampleOrder('D-3')), await postOrder(sim(), 10000, sampleOrder('D-4')));
    sim().setDialect({});
    expect(await fourth.json()).toMatchObject({ errors: [{ code: DUPLICATE_ORDER_CODE, value: 'D-4' }] });
  });

  it('stores an order only after createDelayMs, even when the client gave up: the 201 comes too late', async () => {
    sim().setFaults({ createDelayMs: 400 });
    await expect(
      postOrder(sim(), 10000, sampleOrder('SLOW-1'), { signal: AbortSignal.timeout(100) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim().findOrder(10000, 'SLOW-1')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim().findOrder(10000, 'SLOW-1')).toBeDefined();
    expect(sim().counts.orders['10000']?.['SLOW-1']).toMatchObject({ posts: 1, created: 1 });
    expect(sim().counts.faults.createDelay).toBe(1);
  });

  it.each([
    ['no-content', 204, null, ''],
    ['html-as-text', 200, 'text/plain; charset=utf-8', '<html'],
    ['html-untyped', 200, null, '<html'],
    ['error-report-200', 200, 'application/json; charset=utf-8', '"errors"'],
    ['moved-permanently', 301, null, ''],
    ['unsupported-media-type', 415, null, ''],
  ] as const)('answers an order create with %s, storing nothing', async (answer, status, type, body) => {
    sim().setFaults({ createAnswer: answer });
    const res = await postOrder(sim(), 10000, sampleOrder(`A-${answer}`), {});
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toContain(body);
    if (status === 301)
      expect(res.headers.get('location')).toMatch(/^https:\/\/moved\.invalid\/rest\/order-service\//);
    expect(sim().findOrder(10000, `A-${answer}`)).toBeUndefined();
    expect(sim().counts.faults.createAnswer).toBe(1);
  });

  it('stores the order but leaves the Location out with created-without-location', async () => {
    sim().setFaults({ createAnswer: 'created-without-location' });
    const res = await postOrder(sim(), 10000, sampleOrder('NOLOC-1'));
    expect([res.status, res.headers.get('location')]).toEqual([201, null]);
    expect(sim().findOrder(10000, 'NOLOC-1')).toBeDefined();
  });

  it('answers order-states with {}, a page or a bodiless 500 on demand', async () => {
    sim().setFaults({ orderStatesAnswer: 'empty-object' });
    expect(await (await get(statesUrl())).json()).toEqual({});
    sim().setFaults({ orderStatesAnswer: 'html' });
    expect((await get(statesUrl())).headers.get('content-type')).toMatch(/^text\/html/);
    sim().setFaults({ orderStatesAnswer: 'server-error' });
    const failed = await get(statesUrl());
    expect([failed.status, await failed.text()]).toEqual([500, '']);
    expect(sim().counts.faults.orderStatesAnswer).toBe(3);
  });

  it('forces 401 for good credentials, but leaves the unauthenticated health probe alone', async () => {
    sim().setFaults({ unauthorized: true });
    const res = await get(statesUrl());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await get(sim().endpoints.health, null)).status).toBe(200);
    expect(sim().counts.faults.unauthorized).toBe(1);
  });

  it('answers HTML with 200 instead of JSON or WSDL', async () => {
    sim().setFaults({ garbageHtml: true });
    for (const url of [statesUrl(), `${sim().endpoints.soap.OrderService}?wsdl`, sim().endpoints.health]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<html');
    }
  });

  it('applies faults only under the given path prefixes', async () => {
    sim().setFaults({ errorEveryNth: 1, onlyPaths: ['/rest/rma'] });
    expect((await get(statesUrl())).status).toBe(200);
    expect((await get(`${sim().endpoints.rma}/shops/inTRONICS/return-reasons`)).status).toBe(500);
  });

  it('never faults the control API', async () => {
    sim().setFaults({ errorEveryNth: 1, garbageHtml: true, hangEveryNth: 1 });
    expect((await fetch(`${sim().endpoints.control}/faults`)).status).toBe(200);
  });
});

describe('IOM simulator close', () => {
  it('ends hanging requests and open connections', async () => {
    const own = await startIomSimulator({ faults: { hangEveryNth: 1 } });
    const pending = get(`${own.endpoints.orderService}/shops/10000/order-states`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(own.counts.faults.hang).toBe(1);
    const closing = await timed(() => own.close());
    await expect(pending).rejects.toThrow(TypeError);
    expect(closing).toBeLessThan(1000);
  });
});
