import { beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_ORDER_CODE, sampleOrder, startIomSimulator } from '../../server/iom-simulator/index.ts';
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

  it('answers every Nth request with 500 and an IOM error report', async () => {
    sim().setFaults({ errorEveryNth: 3 });
    expect(await statuses(6)).toEqual([200, 200, 500, 200, 200, 500]);
    expect(await statuses(2)).toEqual([200, 200]);
    const ninth = await get(statesUrl());
    expect(await ninth.json()).toMatchObject({ status: 500, errors: [{ code: 'INTERNAL_SERVER_ERROR' }] });
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

  it('loses the response after storing the order: a network error, yet the order exists', async () => {
    sim().setFaults({ lostResponseEveryNth: 1 });
    await expect(postOrder(sim(), 10000, sampleOrder('LOST-1'))).rejects.toThrow(TypeError);
    sim().setFaults({});
    const found = await get(`${sim().endpoints.orderService}/shops/10000/orders/LOST-1`);
    expect(found.status).toBe(200);
    expect(sim().counts.orders['10000']?.['LOST-1']).toMatchObject({ posts: 1, created: 1 });
    expect(sim().counts.faults.lostResponse).toBe(1);
    const retry = await postOrder(sim(), 10000, sampleOrder('LOST-1'));
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ errors: [{ code: DUPLICATE_ORDER_CODE }] });
  });

  it('reports a new order as a duplicate on demand, storing it', async () => {
    sim().setFaults({ duplicateEveryNth: 2 });
    expect((await postOrder(sim(), 10000, sampleOrder('D-1'))).status).toBe(201);
    const second = await postOrder(sim(), 10000, sampleOrder('D-2'));
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ errors: [{ code: DUPLICATE_ORDER_CODE, value: 'D-2' }] });
    expect(sim().findOrder(10000, 'D-2')).toBeDefined();
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
