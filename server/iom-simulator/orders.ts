import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import {
  accepts,
  decodeSegment,
  mediaTypeOf,
  ORDER_MEDIA_TYPE,
  parseJson,
  sendBodiless,
  sendBody,
  sendEmpty,
  sendJson,
  sendReport,
  type IomError,
} from './http.ts';
import { orderJson, orderStateJson } from './orderJson.ts';
import { listOrderStates, modifiedOrderStates } from './orderStates.ts';
import { VALIDATION_CODE, validateOrder } from './orderValidation.ts';
import { shopById, type RequestContext, type Route } from './router.ts';
import type { StoredOrder } from './store.ts';

/**
 * The code the simulator answers a number the shop already holds with when asked to (`duplicateCode`). IOM's
 * contracts document no such code: IOM answers an ordinary 400 `VALIDATION_EXCEPTION` report.
 */
export const DUPLICATE_ORDER_CODE = 'ORDER_ALREADY_EXISTS';

const ORDER_SERVICE = '/rest/order-service';
const parsedBodies = new WeakMap<RequestContext, ReturnType<typeof parseJson>>();

const SIGN_IN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in</h1><form method="post" action="/login"><input name="user"></form></body></html>
`;

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

/**
 * The answer to a number the shop already holds. IOM's contract: an ordinary 400 error report with
 * `VALIDATION_EXCEPTION` (its message is not documented; this one is the simulator's). `duplicateCode` makes
 * it the dedicated `ORDER_ALREADY_EXISTS`, which IOM does not send.
 */
function usedNumberReport(ctx: RequestContext, order: StoredOrder): IomError[] {
  const dedicated = ctx.sim.dialect.current.duplicateCode;
  return [
    {
      code: dedicated ? DUPLICATE_ORDER_CODE : VALIDATION_CODE,
      message: `shopOrderNumber: shop ${order.shopId} already has an order ${order.shopOrderNumber}.`,
      value: order.shopOrderNumber,
    },
  ];
}

/** Ends the connection without an answer, as a lost response looks to the client. */
function dropConnection(socket: Socket): void {
  if (socket instanceof TLSSocket) socket.destroy();
  else socket.resetAndDestroy();
}

/** Waits `ms`, even when the client goes away (IOM goes on with a request whose client left); not past close. */
function working(ms: number, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      closing.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    closing.addEventListener('abort', done, { once: true });
  });
}

/** A faulted answer instead of IOM's own (faults.ts, CREATE_ANSWERS); true when it answered. */
function answerInstead(ctx: RequestContext, number: string): boolean {
  const { sim, res } = ctx;
  const answer = sim.plan.createAnswer;
  if (!answer || answer === 'created-without-location') return false;
  sim.counter.fault('createAnswer');
  switch (answer) {
    case 'no-content':
      sendEmpty(res, 204);
      break;
    case 'html-as-text':
      sendBody(res, 200, SIGN_IN_PAGE, 'text/plain; charset=utf-8');
      break;
    case 'html-untyped':
      if (!res.headersSent) {
        res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(SIGN_IN_PAGE)) });
        res.end(SIGN_IN_PAGE);
      }
      break;
    case 'error-report-200':
      sendReport(res, 200, [
        { code: 'INTERNAL_ERROR', message: `Order ${number} could not be processed.`, value: number },
      ]);
      break;
    case 'moved-permanently':
      sendEmpty(res, 301, { Location: `https://moved.invalid${ctx.url.pathname}` });
      break;
    case 'unsupported-media-type':
      sendEmpty(res, 415);
      break;
  }
  return true;
}

async function createOrder(ctx: RequestContext): Promise<void> {
  const { sim, res } = ctx;
  const reports = sim.dialect.current.errorBodies;
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const mediaType = mediaTypeOf(ctx.req.headers['content-type']);
  if (mediaType !== ORDER_MEDIA_TYPE) {
    sendBodiless(
      res,
      415,
      [
        {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `Content-Type must be ${ORDER_MEDIA_TYPE}.`,
          value: mediaType,
        },
      ],
      reports,
    );
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
  const faulted = sim.plan.applies(ctx.path);
  const refuseUsed = (existing: StoredOrder) => {
    sim.counter.order(shop.id, shopOrderNumber, 'duplicates');
    sendReport(res, 400, usedNumberReport(ctx, existing));
  };
  const existing = sim.store.find(shop.id, shopOrderNumber);
  if (existing) return refuseUsed(existing);
  if (faulted && answerInstead(ctx, shopOrderNumber)) return;
  if (faulted && sim.plan.createDelayMs > 0) {
    sim.counter.fault('createDelay');
    await working(sim.plan.createDelayMs, sim.closing);
    if (sim.closing.aborted) return;
    // Another post of the number may have been stored meanwhile.
    const meanwhile = sim.store.find(shop.id, shopOrderNumber);
    if (meanwhile) return refuseUsed(meanwhile);
  }
  const order = sim.store.add(shop.id, shopOrderNumber, body);
  if (!order) {
    sendReport(res, 500, [
      { code: 'STORE_FULL', message: 'The simulator holds its maximum number of orders; reset it.' },
    ]);
    return;
  }
  sim.counter.order(shop.id, shopOrderNumber, 'created');
  if (faulted && sim.plan.hits('lostResponse')) {
    sim.counter.fault('lostResponse');
    dropConnection(ctx.req.socket);
    return;
  }
  if (faulted && sim.plan.hits('duplicate')) {
    sim.counter.fault('duplicate');
    return refuseUsed(order);
  }
  if (faulted && sim.plan.createAnswer === 'created-without-location') {
    sim.counter.fault('createAnswer');
    sendEmpty(res, 201);
    return;
  }
  const location = `${sim.baseUrl()}${ORDER_SERVICE}/shops/${shop.id}/orders/${encodeURIComponent(shopOrderNumber)}`;
  sendEmpty(res, 201, { Location: location });
}

/** `GET …/orders/{shopOrderNumber}`, Order API 2.2 and later. */
function getOrder(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const number = decodeSegment(ctx.params[1] ?? '');
  const order = number === null ? undefined : ctx.sim.store.find(shop.id, number);
  if (!order) {
    sendBodiless(
      ctx.res,
      404,
      [{ code: 'ORDER_NOT_FOUND', message: `Shop ${shop.id} has no order ${number ?? ''}.`, value: number }],
      ctx.sim.dialect.current.errorBodies,
    );
    return;
  }
  sendJson(ctx.res, 200, orderJson(order, ctx.sim.dialect.current), ORDER_MEDIA_TYPE);
}

/** 406 (no body) when the client accepts neither IOM's media type nor any type. */
function acceptable(ctx: RequestContext): boolean {
  if (accepts(ctx.req.headers.accept, ORDER_MEDIA_TYPE)) return true;
  sendBodiless(
    ctx.res,
    406,
    [
      {
        code: 'NOT_ACCEPTABLE',
        message: `The answer is ${ORDER_MEDIA_TYPE}.`,
        value: ctx.req.headers.accept,
      },
    ],
    ctx.sim.dialect.current.errorBodies,
  );
  return false;
}

/** What answers `order-states` in IOM's place (faults.ts, ORDER_STATES_ANSWERS); true when it answered. */
function statesInstead(ctx: RequestContext): boolean {
  const answer = ctx.sim.plan.applies(ctx.path) ? ctx.sim.plan.orderStatesAnswer : null;
  if (!answer) return false;
  ctx.sim.counter.fault('orderStatesAnswer');
  if (answer === 'empty-object') sendJson(ctx.res, 200, {}, ORDER_MEDIA_TYPE);
  else if (answer === 'html') sendBody(ctx.res, 200, SIGN_IN_PAGE, 'text/html; charset=utf-8');
  else sendEmpty(ctx.res, 500);
  return true;
}

function getOrderStates(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop || !acceptable(ctx) || statesInstead(ctx)) return;
  const dialect = ctx.sim.dialect.current;
  const result = listOrderStates(ctx.sim.store.list(shop.id), ctx.url.searchParams, dialect);
  if (!result.ok) {
    sendReport(ctx.res, 400, result.errors);
    return;
  }
  const self = `${ctx.sim.baseUrl()}${ctx.url.pathname}${ctx.url.search}`;
  sendJson(
    ctx.res,
    200,
    {
      data: result.items.map((order) => orderStateJson(order, dialect)),
      meta: { totalCount: result.totalCount },
      links: { self },
    },
    ORDER_MEDIA_TYPE,
  );
}

/** `GET …/order-states/modified`, Order API 2.4. */
function getModifiedOrderStates(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop || !acceptable(ctx)) return;
  const result = modifiedOrderStates(ctx.sim.store.list(shop.id), ctx.url.searchParams);
  if (!result.ok) {
    sendReport(ctx.res, 400, result.errors);
    return;
  }
  const dialect = ctx.sim.dialect.current;
  const self = `${ctx.sim.baseUrl()}${ctx.url.pathname}${ctx.url.search}`;
  sendJson(
    ctx.res,
    200,
    {
      data: result.items.map((order) => orderStateJson(order, dialect)),
      meta: {
        totalCount: result.totalCount,
        pageSize: result.items.length,
        ...(result.minCursor === null ? {} : { minCursor: result.minCursor, maxCursor: result.maxCursor }),
      },
      links: { self },
    },
    ORDER_MEDIA_TYPE,
  );
}

export const orderRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/orders$/,
    auth: true,
    permission: 'Create order',
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
    since: '2.2',
    handle: getOrder,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/order-states\/modified$/,
    auth: true,
    permission: 'Order status web service',
    since: '2.4',
    handle: getModifiedOrderStates,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/order-service\/shops\/([^/]+)\/order-states$/,
    auth: true,
    permission: 'Order status web service',
    handle: getOrderStates,
  },
];
