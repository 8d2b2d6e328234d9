import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import {
  decodeSegment,
  mediaTypeOf,
  ORDER_MEDIA_TYPE,
  parseJson,
  sendEmpty,
  sendJson,
  sendReport,
} from './http.ts';
import { listOrderStates } from './orderStates.ts';
import { VALIDATION_CODE, validateOrder } from './orderValidation.ts';
import { shopById, type RequestContext, type Route } from './router.ts';
import type { StoredOrder } from './store.ts';

/** The code of the error report IOM answers when it already has the shop order number: a duplicate. */
export const DUPLICATE_ORDER_CODE = 'ORDER_ALREADY_EXISTS';

const ORDER_SERVICE = '/rest/order-service';
const parsedBodies = new WeakMap<RequestContext, ReturnType<typeof parseJson>>();

function bodyOf(ctx: RequestContext): ReturnType<typeof parseJson> {
  let parsed = parsedBodies.get(ctx);
  if (!parsed) parsedBodies.set(ctx, (parsed = parseJson(ctx.body)));
  return parsed;
}

/** The shop order number of a posted body, if it has a plausible one (for counting). */
function orderNumberOf(ctx: RequestContext): string | null {
  const parsed = bodyOf(ctx);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return null;
  const number = (parsed.value as Record<string, unknown>).shopOrderNumber;
  return typeof number === 'string' && number.length > 0 && number.length <= 50 ? number : null;
}

function knownShopId(ctx: RequestContext): number | null {
  const raw = ctx.params[0] ?? '';
  const shop = /^\d{1,16}$/.test(raw) ? ctx.sim.shops.find((s) => s.id === Number(raw)) : undefined;
  return shop?.id ?? null;
}

export function orderJson(order: StoredOrder): Record<string, unknown> {
  return {
    ...order.body,
    id: order.id,
    status: `STATE_${order.state}`,
    state: order.state,
    creationDate: order.creationDate,
  };
}

function duplicateReport(order: StoredOrder) {
  return [
    {
      code: DUPLICATE_ORDER_CODE,
      message: `An order with shop order number ${order.shopOrderNumber} already exists for shop ${order.shopId} (IOM order ${order.id}).`,
      value: order.shopOrderNumber,
    },
  ];
}

/** Ends the connection without an answer, as a lost response looks to the client. */
function dropConnection(socket: Socket): void {
  if (socket instanceof TLSSocket) socket.destroy();
  else socket.resetAndDestroy();
}

function createOrder(ctx: RequestContext): void {
  const { sim, res } = ctx;
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const mediaType = mediaTypeOf(ctx.req.headers['content-type']);
  if (mediaType !== ORDER_MEDIA_TYPE) {
    sendReport(res, 415, [
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Content-Type must be ${ORDER_MEDIA_TYPE}.`,
        value: mediaType || null,
      },
    ]);
    return;
  }
  const number = orderNumberOf(ctx);
  const parsed = bodyOf(ctx);
  const problems = parsed.ok
    ? validateOrder(parsed.value)
    : [{ code: VALIDATION_CODE, message: 'The request body is not valid JSON.', value: null }];
  if (problems.length > 0 || !parsed.ok) {
    sim.counter.order(shop.id, number, 'invalid');
    sendReport(res, 400, problems);
    return;
  }
  const body = parsed.value as Record<string, unknown>;
  const shopOrderNumber = body.shopOrderNumber as string;
  const existing = sim.store.find(shop.id, shopOrderNumber);
  if (existing) {
    sim.counter.order(shop.id, shopOrderNumber, 'duplicates');
    sendReport(res, 400, duplicateReport(existing));
    return;
  }
  const order = sim.store.add(shop.id, shopOrderNumber, body);
  if (!order) {
    sendReport(res, 500, [
      { code: 'STORE_FULL', message: 'The simulator holds its maximum number of orders; reset it.' },
    ]);
    return;
  }
  sim.counter.order(shop.id, shopOrderNumber, 'created');
  const faulted = sim.plan.applies(ctx.path);
  if (faulted && sim.plan.hits('lostResponse')) {
    sim.counter.fault('lostResponse');
    dropConnection(ctx.req.socket);
    return;
  }
  if (faulted && sim.plan.hits('duplicate')) {
    sim.counter.fault('duplicate');
    sim.counter.order(shop.id, shopOrderNumber, 'duplicates');
    sendReport(res, 400, duplicateReport(order));
    return;
  }
  const location = `${sim.baseUrl()}${ORDER_SERVICE}/shops/${shop.id}/orders/${encodeURIComponent(shopOrderNumber)}`;
  sendEmpty(res, 201, { Location: location });
}

function getOrder(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const number = decodeSegment(ctx.params[1] ?? '');
  const order = number === null ? undefined : ctx.sim.store.find(shop.id, number);
  if (!order) {
    sendReport(ctx.res, 404, [
      { code: 'ORDER_NOT_FOUND', message: `Shop ${shop.id} has no order ${number ?? ''}.`, value: number },
    ]);
    return;
  }
  sendJson(ctx.res, 200, orderJson(order), ORDER_MEDIA_TYPE);
}

function getOrderStates(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const result = listOrderStates(ctx.sim.store.list(shop.id), ctx.url.searchParams);
  if (!result.ok) {
    sendReport(ctx.res, 400, result.errors);
    return;
  }
  const { items, totalCount } = result;
  const self = `${ctx.sim.baseUrl()}${ctx.url.pathname}${ctx.url.search}`;
  sendJson(
    ctx.res,
    200,
    { data: items.map(orderJson), meta: { totalCount }, links: { self } },
    ORDER_MEDIA_TYPE,
  );
}

export const orderRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/orders$/,
    auth: true,
    received: (ctx) => {
      const shopId = knownShopId(ctx);
      if (shopId !== null) ctx.sim.counter.order(shopId, orderNumberOf(ctx), 'posts');
    },
    handle: createOrder,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/orders\/([^/]+)$/,
    auth: true,
    handle: getOrder,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/order-states$/,
    auth: true,
    handle: getOrderStates,
  },
];
