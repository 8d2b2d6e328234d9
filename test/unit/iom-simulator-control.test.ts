import { connect } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  NO_FAULTS,
  sampleOrder,
  SimulatorConfigError,
  type SimulatorCounts,
} from '../../server/iom-simulator/index.ts';
import { get, postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();

interface Refusal {
  status: number;
  errors: { code: string; field: string; message: string; value: unknown }[];
}

const control = (path: string, method = 'GET', body?: string) =>
  fetch(`${sim().endpoints.control}${path}`, {
    method,
    body,
    headers: { 'Content-Type': 'application/json' },
  });

/** Sends raw bytes and returns what comes back before the server closes the connection. */
function raw(payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(sim().port, '127.0.0.1', () => socket.end(payload));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

beforeEach(() => {
  sim().setFaults({});
  sim().setDialect({});
  sim().reset();
});

describe('IOM simulator control API', () => {
  it('replaces faults with PUT, merges with PATCH and clears with DELETE', async () => {
    const put = await control('/faults', 'PUT', JSON.stringify({ latencyMs: 5, errorRate: 0.25, seed: 9 }));
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ latencyMs: 5, errorRate: 0.25, seed: 9, hangRate: 0 });
    await control('/faults', 'PATCH', JSON.stringify({ unauthorized: true }));
    expect(sim().faults).toMatchObject({ latencyMs: 5, errorRate: 0.25, unauthorized: true });
    await control('/faults', 'PUT', JSON.stringify({ garbageHtml: true }));
    expect(sim().faults).toMatchObject({
      latencyMs: 0,
      errorRate: 0,
      unauthorized: false,
      garbageHtml: true,
    });
    await control('/faults', 'DELETE');
    expect(sim().faults).toEqual(NO_FAULTS);
  });

  it.each([
    [{ errorRate: 2 }, 'errorRate', 2],
    [{ latencyMs: -1 }, 'latencyMs', -1],
    [{ hangEveryNth: 1.5 }, 'hangEveryNth', 1.5],
    [{ onlyPaths: ['rest'] }, 'onlyPaths.0', ['rest']],
    [{ latencyByPath: { '/rest': 'slow' } }, 'latencyByPath./rest', { '/rest': 'slow' }],
    [{ garbage: true }, '', undefined],
  ])('refuses %j with 400 naming the field, and changes nothing', async (faults, field, value) => {
    sim().setFaults({ latencyMs: 1 });
    const res = await control('/faults', 'PUT', JSON.stringify(faults));
    expect(res.status).toBe(400);
    const refusal = (await res.json()) as Refusal;
    expect(refusal.errors[0]).toMatchObject({ code: 'INVALID_SETTING', field });
    if (value !== undefined) expect(refusal.errors[0]?.value).toEqual(value);
    else expect(refusal.errors[0]?.message).toContain('garbage');
    expect(sim().faults.latencyMs).toBe(1);
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of ['{', '[]', '"x"']) {
      const res = await control('/faults', 'PUT', body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as Refusal).errors[0]?.field).toBe('(body)');
    }
  });

  it('refuses bad faults set from code with the field named', () => {
    expect(() => sim().setFaults({ errorRate: -0.1 })).toThrow(SimulatorConfigError);
    const refusal = (() => {
      try {
        sim().updateFaults({ seed: -1 });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(SimulatorConfigError);
    expect((refusal as SimulatorConfigError).problems).toEqual([expect.objectContaining({ field: 'seed' })]);
    expect(sim().faults.seed).toBeNull();
  });

  it('shows the state without passwords', async () => {
    const state = (await (await control('/state')).json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      url: sim().url,
      tls: null,
      shops: [
        { id: 10000, name: 'inTRONICS' },
        { id: 10001, name: 'inTRONICS Business' },
      ],
      users: [
        { username: 'consumer_ws', shops: '*' },
        { username: 'b2c_ws', shops: [10000] },
      ],
    });
    expect(JSON.stringify(state)).not.toContain('password');
  });

  it('sets an order’s state to one of IOM’s status model, with or without STATE_', async () => {
    await postOrder(sim(), 10000, sampleOrder('S-1'));
    const res = await control(
      '/shops/10000/orders/S-1/state',
      'PUT',
      JSON.stringify({ state: 'DISPATCHED' }),
    );
    expect(res.status).toBe(200);
    const states = async () =>
      (await (
        await get(`${sim().endpoints.orderService}/shops/10000/order-states?shopOrderNumbers=S-1`)
      ).json()) as {
        data: { status: string }[];
      };
    expect((await states()).data[0]?.status).toBe('STATE_DISPATCHED');
    expect((await control('/shops/10000/orders/S-1/state', 'PUT', '{"state":"STATE_RETURNED"}')).status).toBe(
      200,
    );
    expect((await states()).data[0]?.status).toBe('STATE_RETURNED');
    // The simulator's old invented states are not IOM's.
    for (const invented of ['LOST', 'CREATED', 'CLOSED', 'CANCELLED'])
      expect(
        (await control('/shops/10000/orders/S-1/state', 'PUT', JSON.stringify({ state: invented }))).status,
      ).toBe(400);
    expect((await control('/shops/10000/orders/S-9/state', 'PUT', '{"state":"CANCELED"}')).status).toBe(404);
  });

  it('switches the dialect with PUT and PATCH, refusing unknown versions', async () => {
    expect(await (await control('/dialect')).json()).toEqual({
      orderApi: '2.0',
      duplicateCode: false,
      lenientQueries: false,
      orderExtras: false,
      errorBodies: false,
    });
    await control('/dialect', 'PUT', JSON.stringify({ orderApi: '2.2' }));
    await control('/dialect', 'PATCH', JSON.stringify({ duplicateCode: true }));
    expect(sim().dialect).toMatchObject({ orderApi: '2.2', duplicateCode: true, orderExtras: false });
    const refused = await control('/dialect', 'PATCH', JSON.stringify({ orderApi: '3.0' }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Refusal).errors[0]).toMatchObject({ field: 'orderApi', value: '3.0' });
    expect((await (await control('/state')).json()) as Record<string, unknown>).toMatchObject({
      dialect: { orderApi: '2.2', duplicateCode: true },
    });
    await control('/dialect', 'PUT', '{}');
    expect(sim().dialect.orderApi).toBe('2.0');
  });
});

describe('IOM simulator counts and reset', () => {
  it('counts per shop, per order number, per path and status, but not the control API', async () => {
    await postOrder(sim(), 10000, sampleOrder('C-1'));
    await postOrder(sim(), 10000, sampleOrder('C-1'));
    await postOrder(sim(), 10000, { shopOrderNumber: 'C-2' });
    await postOrder(sim(), 10001, sampleOrder('C-1'));
    await get(sim().endpoints.health, null);
    await control('/state');
    const counts = (await (await control('/counts')).json()) as SimulatorCounts;
    expect(counts).toEqual(sim().counts);
    const c = sim().counts;
    expect(c.total).toBe(5);
    expect(c.shops['10000']).toEqual({ posts: 3, created: 1, duplicates: 1, invalid: 1 });
    expect(c.shops['10001']).toEqual({ posts: 1, created: 1, duplicates: 0, invalid: 0 });
    expect(c.orders['10000']).toEqual({
      'C-1': { posts: 2, created: 1, duplicates: 1, invalid: 0 },
      'C-2': { posts: 1, created: 0, duplicates: 0, invalid: 1 },
    });
    expect(c.byPath).toEqual({
      '/rest/order-service/shops/10000/orders': 3,
      '/rest/order-service/shops/10001/orders': 1,
      '/monitoring/services/health/status': 1,
    });
    expect(c.byStatus).toEqual({ '201': 2, '400': 2, '200': 1 });
  });

  it('keeps odd order numbers as ordinary keys', async () => {
    await postOrder(sim(), 10000, sampleOrder('__proto__'));
    expect(sim().counts.orders['10000']?.['__proto__']).toEqual({
      posts: 1,
      created: 1,
      duplicates: 0,
      invalid: 0,
    });
    expect(Object.keys(sim().counts.orders['10000'] ?? {})).toEqual(['__proto__']);
  });

  it('reset clears orders and counts, through the API and in code', async () => {
    await postOrder(sim(), 10000, sampleOrder('R-1'));
    const res = await control('/reset', 'POST');
    expect(await res.json()).toMatchObject({ orders: 0, counts: { total: 0 } });
    expect(sim().findOrder(10000, 'R-1')).toBeUndefined();
    expect((await postOrder(sim(), 10000, sampleOrder('R-1'))).status).toBe(201);
    sim().reset();
    expect(sim().counts).toMatchObject({ total: 0, shops: {}, orders: {}, byPath: {} });
  });
});

describe('IOM simulator with garbage input', () => {
  it('answers a malformed request with 400 and keeps serving', async () => {
    expect(await raw('THIS IS NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 431/,
    );
    expect((await get(sim().endpoints.health, null)).status).toBe(200);
  });

  it('survives broken percent-encoding, odd methods and binary bodies', async () => {
    expect((await get(`${sim().endpoints.orderService}/shops/10000/orders/%E0%A4%A`)).status).toBe(404);
    expect((await get(`${sim().endpoints.rma}/shops/%ZZ/return-reasons`)).status).toBe(404);
    expect(await raw('BREW /rest/order-service HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 400/,
    );
    const binary = await postOrder(sim(), 10000, Buffer.from([0xff, 0x00, 0xfe]).toString('latin1'));
    expect(binary.status).toBe(400);
    expect((await get(sim().endpoints.health, null)).status).toBe(200);
  });
});
