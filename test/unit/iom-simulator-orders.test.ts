import { beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_ORDER_CODE, sampleOrder, VALIDATION_CODE } from '../../server/iom-simulator/index.ts';
import { get, postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();

interface Report {
  status: number;
  errors: { code: string; message: string; value: unknown }[];
}

interface OrderStates {
  data: { shopOrderNumber: string; id: number; state: string; status: string; creationDate: string }[];
  meta: { totalCount: number };
}

const orderStates = async (query: string) => {
  const res = await get(`${sim().endpoints.orderService}/shops/10000/order-states?${query}`);
  return { status: res.status, body: (await res.json()) as OrderStates & Report };
};

beforeEach(() => sim().reset());

describe('IOM simulator: order create', () => {
  it('stores a valid order: 201 with a Location that GET follows', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-1001'));
    expect(res.status).toBe(201);
    const location = res.headers.get('location') ?? '';
    expect(location).toBe(`${sim().url}/rest/order-service/shops/10000/orders/ORD-1001`);
    const order = await get(location);
    expect(order.status).toBe(200);
    expect(order.headers.get('content-type')).toContain('application/vnd.intershop.order.v2+json');
    const body = (await order.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ shopOrderNumber: 'ORD-1001', state: 'CREATED', status: 'STATE_CREATED' });
    expect(body.id).toEqual(expect.any(Number));
    expect(body.payment).toEqual({ paymentMethod: 'INVOICE' });
  });

  it('encodes an order number with reserved characters in the Location', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('2026/11 A'));
    expect(res.status).toBe(201);
    const location = res.headers.get('location') ?? '';
    expect(location.endsWith('/orders/2026%2F11%20A')).toBe(true);
    expect((await get(location)).status).toBe(200);
  });

  it('reports one error per missing required field', async () => {
    const res = await postOrder(sim(), 10000, {});
    expect(res.status).toBe(400);
    const report = (await res.json()) as Report;
    expect(report.status).toBe(400);
    const fields = report.errors.map((e) => e.message.split(':')[0]).sort();
    expect(fields).toEqual(
      [
        'customerData',
        'invoiceAddress',
        'payment',
        'sales',
        'shippingBuckets',
        'shopOrderCreationDate',
        'shopOrderNumber',
      ].sort(),
    );
    expect(report.errors.every((e) => e.code === VALIDATION_CODE && e.message.endsWith('is mandatory'))).toBe(
      true,
    );
  });

  it('names nested problems with their path and value', async () => {
    const order = sampleOrder('ORD-BAD', { shopOrderCreationDate: 'yesterday' });
    const bucket = (order.shippingBuckets as Record<string, unknown>[])[0] as Record<string, unknown>;
    (bucket.positions as Record<string, unknown>[])[0]!.quantity = 0;
    const res = await postOrder(sim(), 10000, order);
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as Report;
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => e.message.split(':')[0])).toEqual([
      'shopOrderCreationDate',
      'shippingBuckets.0.positions.0.quantity',
    ]);
    expect(errors.map((e) => e.value)).toEqual(['yesterday', 0]);
    expect(sim().findOrder(10000, 'ORD-BAD')).toBeUndefined();
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    for (const body of ['{"shopOrderNumber":', '[1,2]', 'null']) {
      const res = await postOrder(sim(), 10000, body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as Report).errors).toHaveLength(1);
    }
  });

  it('answers a second post of the same number with the duplicate report and stores nothing new', async () => {
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-2'))).status).toBe(201);
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-2', { payment: { paymentMethod: 'PAYPAL' } }));
    expect(res.status).toBe(400);
    const report = (await res.json()) as Report;
    expect(report.errors).toEqual([expect.objectContaining({ code: DUPLICATE_ORDER_CODE, value: 'ORD-2' })]);
    expect(sim().findOrder(10000, 'ORD-2')?.body.payment).toEqual({ paymentMethod: 'INVOICE' });
    expect(sim().counts.orders['10000']?.['ORD-2']).toEqual({
      posts: 2,
      created: 1,
      duplicates: 1,
      invalid: 0,
    });
  });

  it('keeps shops apart: the same number in another shop is a new order', async () => {
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-3'))).status).toBe(201);
    expect((await postOrder(sim(), 10001, sampleOrder('ORD-3'))).status).toBe(201);
  });

  it('answers 415 for another content type and stores nothing', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-4'), { contentType: 'application/json' });
    expect(res.status).toBe(415);
    expect(sim().findOrder(10000, 'ORD-4')).toBeUndefined();
    const withCharset = 'application/vnd.intershop.order.v2+json; charset=UTF-8';
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-4'), { contentType: withCharset })).status).toBe(
      201,
    );
  });

  it('answers 404 for an unknown shop and an unknown order', async () => {
    expect((await postOrder(sim(), 99999, sampleOrder('ORD-5'))).status).toBe(404);
    expect((await postOrder(sim(), 'abc', sampleOrder('ORD-5'))).status).toBe(404);
    expect((await get(`${sim().endpoints.orderService}/shops/10000/orders/NOPE`)).status).toBe(404);
    expect((await get(`${sim().endpoints.orderService}/shops/99999/order-states`)).status).toBe(404);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = sampleOrder('ORD-6', { note: 'x'.repeat(2 * 1024 * 1024) });
    const res = await postOrder(sim(), 10000, huge);
    expect(res.status).toBe(413);
    expect(sim().findOrder(10000, 'ORD-6')).toBeUndefined();
  });
});

describe('IOM simulator: order states', () => {
  beforeEach(async () => {
    const dates = ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-03T10:00:00+01:00'];
    for (const [i, number] of ['9', '10', '100'].entries()) {
      const res = await postOrder(sim(), 10000, sampleOrder(number, { shopOrderCreationDate: dates[i] }));
      expect(res.status).toBe(201);
    }
  });

  const numbers = (body: OrderStates) => body.data.map((o) => o.shopOrderNumber);

  it('sorts shop order numbers as strings, as IOM may', async () => {
    expect(numbers((await orderStates('orderBy=shopOrderNumber')).body)).toEqual(['10', '100', '9']);
    expect(numbers((await orderStates('orderBy=shopOrderNumber&sortDirection=DESC')).body)).toEqual([
      '9',
      '100',
      '10',
    ]);
  });

  it('sorts by date: the shop creation date by default, or when IOM created the order', async () => {
    expect(numbers((await orderStates('')).body)).toEqual(['9', '10', '100']);
    expect(numbers((await orderStates('orderBy=creationDate&sortDirection=desc')).body)).toEqual([
      '100',
      '10',
      '9',
    ]);
  });

  it('pages with limit and offset and counts the total', async () => {
    const { status, body } = await orderStates('orderBy=shopOrderNumber&limit=1&offset=1');
    expect(status).toBe(200);
    expect(numbers(body)).toEqual(['100']);
    expect(body.meta.totalCount).toBe(3);
    expect(body.data[0]?.state).toBe('CREATED');
    expect(typeof body.data[0]?.id).toBe('number');
    expect(Date.parse(body.data[0]?.creationDate ?? '')).not.toBeNaN();
  });

  it('filters by order numbers and states', async () => {
    sim().setOrderState(10000, '10', 'DISPATCHED');
    expect(numbers((await orderStates('statuses=DISPATCHED')).body)).toEqual(['10']);
    expect(numbers((await orderStates('statuses=STATE_CREATED&orderBy=shopOrderNumber')).body)).toEqual([
      '100',
      '9',
    ]);
    expect(numbers((await orderStates('shopOrderNumbers=9,100')).body)).toEqual(['9', '100']);
  });

  it('refuses bad parameters with one error each', async () => {
    const { status, body } = await orderStates('limit=0&offset=-1&orderBy=price&sortDirection=UP');
    expect(status).toBe(400);
    expect(body.errors.map((e) => e.message.split(':')[0])).toEqual([
      'limit',
      'offset',
      'orderBy',
      'sortDirection',
    ]);
  });
});
