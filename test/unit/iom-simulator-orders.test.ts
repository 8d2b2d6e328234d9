import { beforeEach, describe, expect, it } from 'vitest';
import {
  DUPLICATE_ORDER_CODE,
  ORDER_MEDIA_TYPE,
  sampleOrder,
  VALIDATION_CODE,
} from '../../server/iom-simulator/index.ts';
import { CONSUMER_AUTH, get, postOrder, useSimulator } from '../helpers/simulator.ts';

/** The contract-faithful default: Order API 2.0, no conveniences. */
const sim = useSimulator();

interface Report {
  status: number;
  errors: { code: string; message: string; value: unknown }[];
}

type OrderState = Record<string, unknown> & { shopOrderNumber: string; status: string };
interface OrderStates {
  data: OrderState[];
  meta: { totalCount: number; pageSize?: number; minCursor?: number; maxCursor?: number };
  links: { self: string };
}

const statesUrl = (query: string, path = 'order-states') =>
  `${sim().endpoints.orderService}/shops/10000/${path}?${query}`;

const orderStates = async (query: string, accept?: string) => {
  const res = await fetch(statesUrl(query), {
    headers: { Authorization: CONSUMER_AUTH, ...(accept === undefined ? {} : { Accept: accept }) },
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    body: (text ? JSON.parse(text) : null) as OrderStates & Report,
  };
};

const orderUrl = (number: string) => `${sim().endpoints.orderService}/shops/10000/orders/${number}`;

beforeEach(() => {
  sim().reset();
  sim().setDialect({});
});

describe('IOM simulator: order create (Order API 2.0 contract)', () => {
  it('stores a valid order: 201 with a Location and no body', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-1001'));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${sim().url}/rest/order-service/shops/10000/orders/ORD-1001`);
    expect(await res.text()).toBe('');
    expect(sim().findOrder(10000, 'ORD-1001')?.state).toBe('INITIAL');
  });

  it('has no GET …/orders/{n} before Order API 2.2: 404', async () => {
    await postOrder(sim(), 10000, sampleOrder('ORD-1002'));
    const res = await get(orderUrl('ORD-1002'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
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

  it('answers a used number with an ordinary 400 VALIDATION_EXCEPTION report and keeps the first order', async () => {
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-2'))).status).toBe(201);
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-2', { payment: { paymentMethod: 'PAYPAL' } }));
    expect(res.status).toBe(400);
    const report = (await res.json()) as Report;
    expect(report.errors).toEqual([expect.objectContaining({ code: VALIDATION_CODE, value: 'ORD-2' })]);
    expect(JSON.stringify(report)).not.toContain(DUPLICATE_ORDER_CODE);
    expect(sim().findOrder(10000, 'ORD-2')?.body.payment).toEqual({ paymentMethod: 'INVOICE' });
    expect(sim().counts.orders['10000']?.['ORD-2']).toEqual({
      posts: 2,
      created: 1,
      duplicates: 1,
      invalid: 0,
    });
  });

  it('sends the dedicated ORDER_ALREADY_EXISTS only when asked to (duplicateCode)', async () => {
    sim().setDialect({ duplicateCode: true });
    await postOrder(sim(), 10000, sampleOrder('ORD-2D'));
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-2D'));
    expect(((await res.json()) as Report).errors[0]?.code).toBe(DUPLICATE_ORDER_CODE);
  });

  it('keeps shops apart: the same number in another shop is a new order', async () => {
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-3'))).status).toBe(201);
    expect((await postOrder(sim(), 10001, sampleOrder('ORD-3'))).status).toBe(201);
  });

  it('answers 415 without a body for another content type and stores nothing', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-4'), { contentType: 'application/json' });
    expect(res.status).toBe(415);
    expect(await res.text()).toBe('');
    expect(sim().findOrder(10000, 'ORD-4')).toBeUndefined();
    const withCharset = `${ORDER_MEDIA_TYPE}; charset=UTF-8`;
    expect((await postOrder(sim(), 10000, sampleOrder('ORD-4'), { contentType: withCharset })).status).toBe(
      201,
    );
  });

  it('answers 404 without a body for an unknown shop', async () => {
    for (const shop of [99999, 'abc']) {
      const res = await postOrder(sim(), shop, sampleOrder('ORD-5'));
      expect([res.status, await res.text()]).toEqual([404, '']);
    }
    expect((await get(`${sim().endpoints.orderService}/shops/99999/order-states`)).status).toBe(404);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = sampleOrder('ORD-6', { note: 'x'.repeat(2 * 1024 * 1024) });
    const res = await postOrder(sim(), 10000, huge);
    expect(res.status).toBe(413);
    expect(sim().findOrder(10000, 'ORD-6')).toBeUndefined();
  });
});

describe('IOM simulator: GET …/orders/{n} (Order API 2.2)', () => {
  beforeEach(() => {
    sim().setDialect({ orderApi: '2.2' });
  });

  it('follows the Location to the Order as posted, with only the fields the contract declares', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('ORD-1001', { invented: 'not IOM' }));
    const order = await get(res.headers.get('location') ?? '');
    expect(order.status).toBe(200);
    expect(order.headers.get('content-type')).toContain(ORDER_MEDIA_TYPE);
    const body = (await order.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ shopOrderNumber: 'ORD-1001', payment: { paymentMethod: 'INVOICE' } });
    for (const notIom of ['invented', 'id', 'state', 'creationDate', 'status'])
      expect(body).not.toHaveProperty(notIom);
  });

  it('adds the simulator’s id, state and creationDate only with orderExtras', async () => {
    sim().setDialect({ orderApi: '2.2', orderExtras: true });
    await postOrder(sim(), 10000, sampleOrder('ORD-X'));
    const body = (await (await get(orderUrl('ORD-X'))).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ state: 'INITIAL', id: expect.any(Number) as number });
  });

  it('encodes an order number with reserved characters in the Location', async () => {
    const res = await postOrder(sim(), 10000, sampleOrder('2026/11 A'));
    expect(res.status).toBe(201);
    const location = res.headers.get('location') ?? '';
    expect(location.endsWith('/orders/2026%2F11%20A')).toBe(true);
    expect((await get(location)).status).toBe(200);
  });

  it('answers 404 without a body for an unknown order', async () => {
    const res = await get(orderUrl('NOPE'));
    expect([res.status, await res.text()]).toEqual([404, '']);
  });
});

describe('IOM simulator: order states', () => {
  beforeEach(async () => {
    const dates = ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-03T10:00:00+01:00'];
    for (const [i, number] of ['9', '10', '100'].entries()) {
      const res = await postOrder(
        sim(),
        10000,
        sampleOrder(number, {
          shopOrderCreationDate: dates[i],
          customerData: { customerDataType: 'PERSON', shopCustomerNumber: `C-${number}` },
        }),
      );
      expect(res.status).toBe(201);
    }
  });

  const numbers = (body: OrderStates) => body.data.map((o) => o.shopOrderNumber);

  it('answers OrderStates with every field the contract requires, echoing what was stored', async () => {
    const posted = sampleOrder('9', {
      shopOrderCreationDate: '2026-01-01T10:00:00Z',
      customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-9' },
    });
    const { status, type, body } = await orderStates('shopOrderNumbers=9');
    expect(status).toBe(200);
    expect(type).toContain(ORDER_MEDIA_TYPE);
    expect(body.meta.totalCount).toBe(1);
    const [state] = body.data;
    for (const field of [
      'shopOrderNumber',
      'shopOrderCreationDate',
      'customerData',
      'invoiceAddress',
      'sales',
      'payment',
      'shippingBuckets',
      'status',
    ])
      expect(state, field).toHaveProperty(field);
    expect(state).toMatchObject({
      shopOrderNumber: '9',
      shopOrderCreationDate: posted.shopOrderCreationDate,
      customerData: posted.customerData,
      invoiceAddress: posted.invoiceAddress,
      sales: posted.sales,
      payment: posted.payment,
      status: 'STATE_INITIAL',
    });
    const [bucket] = posted.shippingBuckets as { positions: Record<string, unknown>[] }[];
    const position = bucket!.positions[0]!;
    expect(state?.shippingBuckets).toEqual([
      expect.objectContaining({
        positions: [
          {
            number: position.number,
            product: position.product,
            status: 'STATE_INITIAL',
            ordered: { quantity: position.quantity, sum: position.sum, shipping: position.shipping },
          },
        ],
      }),
    ]);
    for (const notIom of ['id', 'state', 'creationDate']) expect(state).not.toHaveProperty(notIom);
  });

  it('sorts shop order numbers as strings, as IOM may', async () => {
    expect(numbers((await orderStates('orderBy=shopOrderNumber')).body)).toEqual(['10', '100', '9']);
    expect(numbers((await orderStates('orderBy=shopOrderNumber&sortDirection=DESC')).body)).toEqual([
      '9',
      '100',
      '10',
    ]);
    expect(numbers((await orderStates('orderBy=shopCustomerNumber&sortDirection=DESC')).body)).toEqual([
      '9',
      '100',
      '10',
    ]);
  });

  it('sorts by the shop creation date by default; orderBy takes only the three documented values', async () => {
    expect(numbers((await orderStates('')).body)).toEqual(['9', '10', '100']);
    const refused = await orderStates('orderBy=creationDate');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: VALIDATION_CODE, value: 'creationDate' });
    expect((await orderStates('sortDirection=desc')).status).toBe(400);
    sim().setDialect({ lenientQueries: true });
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
    expect(body.links.self).toContain('limit=1');
  });

  it('reads array parameters as repeated keys: a comma-joined value is one number', async () => {
    expect(numbers((await orderStates('shopOrderNumbers=9&shopOrderNumbers=100')).body)).toEqual([
      '9',
      '100',
    ]);
    expect(numbers((await orderStates('shopOrderNumbers=9,100')).body)).toEqual([]);
    sim().setDialect({ lenientQueries: true });
    expect(numbers((await orderStates('shopOrderNumbers=9,100')).body)).toEqual(['9', '100']);
  });

  it('filters by states as IOM names them (STATE_…), customers, products and creation dates', async () => {
    sim().setOrderState(10000, '10', 'DISPATCHED');
    expect(numbers((await orderStates('statuses=STATE_DISPATCHED')).body)).toEqual(['10']);
    expect(
      numbers(
        (await orderStates('statuses=STATE_INITIAL&statuses=STATE_DISPATCHED&orderBy=shopOrderNumber')).body,
      ),
    ).toEqual(['10', '100', '9']);
    expect((await orderStates('statuses=DISPATCHED')).status).toBe(400);
    expect((await orderStates('statuses=STATE_CREATED')).status).toBe(400);
    expect(numbers((await orderStates('shopCustomerNumbers=C-100')).body)).toEqual(['100']);
    expect(numbers((await orderStates('productNumbers=201807171')).body)).toHaveLength(3);
    expect(numbers((await orderStates('productNumbers=OTHER')).body)).toEqual([]);
    expect(
      numbers(
        (await orderStates('shopOrderCreationDate[gte]=2026-01-02&shopOrderCreationDate[lte]=2026-01-02'))
          .body,
      ),
    ).toEqual(['10']);
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

  it("honours Accept: IOM's media type, any type or none; otherwise 406 without a body", async () => {
    for (const accept of [ORDER_MEDIA_TYPE, '*/*', 'application/*', `application/json, ${ORDER_MEDIA_TYPE}`])
      expect((await orderStates('', accept)).status, accept).toBe(200);
    expect((await orderStates('')).status).toBe(200);
    for (const accept of ['application/json', 'text/html', `${ORDER_MEDIA_TYPE};q=0`]) {
      const answer = await orderStates('', accept);
      expect([answer.status, answer.text], accept).toEqual([406, '']);
    }
  });
});

describe('IOM simulator: order-states/modified (Order API 2.4)', () => {
  it('does not exist before Order API 2.4', async () => {
    for (const orderApi of ['2.0', '2.2'] as const) {
      sim().setDialect({ orderApi });
      expect((await get(statesUrl('minCursor=0', 'order-states/modified'))).status, orderApi).toBe(404);
    }
  });

  it('lists orders created or modified from a cursor or a time on, oldest change first', async () => {
    sim().setDialect({ orderApi: '2.4' });
    for (const n of ['M-1', 'M-2', 'M-3']) await postOrder(sim(), 10000, sampleOrder(n));
    sim().setOrderState(10000, 'M-1', 'CHECKED');
    const modified = async (query: string) => {
      const res = await get(statesUrl(query, 'order-states/modified'));
      return { status: res.status, body: (await res.json()) as OrderStates & Report };
    };
    const all = await modified('minCursor=0&limit=2');
    expect(all.body.data.map((o) => o.shopOrderNumber)).toEqual(['M-2', 'M-3']);
    expect(all.body.meta).toMatchObject({ totalCount: 3, pageSize: 2 });
    const next = await modified(`minCursor=${(all.body.meta.maxCursor ?? 0) + 1}`);
    expect(next.body.data).toEqual([
      expect.objectContaining({ shopOrderNumber: 'M-1', status: 'STATE_CHECKED' }),
    ]);
    expect((await modified('modifiedSince=2000-01-01T00:00:00Z')).body.meta.totalCount).toBe(3);
    expect((await modified('')).status).toBe(400);
    expect((await modified('minCursor=0&modifiedSince=2000-01-01T00:00:00Z')).status).toBe(400);
  });
});
