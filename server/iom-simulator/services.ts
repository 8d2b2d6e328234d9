import { createHash } from 'node:crypto';
import { DEFAULT_RETURN_REASONS, type ShopConfig } from './config.ts';
import { decodeSegment, RETURN_MEDIA_TYPE, sendJson } from './http.ts';
import { shopById, shopByName, type RequestContext, type Route } from './router.ts';

const MAX_ATP_PRODUCTS = 100;

function returnReasons(ctx: RequestContext): void {
  const shop = shopByName(ctx, ctx.params[0]);
  if (!shop) return;
  const types = ctx.url.searchParams
    .getAll('type')
    .flatMap((t) => t.split(','))
    .filter(Boolean);
  const reasons = (shop.returnReasons ?? DEFAULT_RETURN_REASONS).filter(
    (reason) => types.length === 0 || (reason.type !== undefined && types.includes(reason.type)),
  );
  sendJson(ctx.res, 200, reasons, RETURN_MEDIA_TYPE);
}

/** A stable availability for a product nobody configured: the same id always gives the same numbers. */
function availability(shop: ShopConfig, productId: string) {
  const configured =
    shop.inventory && Object.hasOwn(shop.inventory, productId) ? shop.inventory[productId] : undefined;
  if (configured !== undefined) return { stock: configured, reserved: 0, blocked: 0, atp: configured };
  const hash = createHash('sha256').update(`${shop.id}/${productId}`).digest().readUInt32BE(0);
  const stock = 100 + (hash % 900);
  const reserved = hash % 7;
  const blocked = hash % 13;
  return { stock, reserved, blocked, atp: stock - reserved - blocked };
}

function atp(ctx: RequestContext): void {
  const shop = shopById(ctx, ctx.params[0]);
  if (!shop) return;
  const ids = (ctx.params[1] ?? '').split(',').map((raw) => decodeSegment(raw)?.trim() ?? '');
  const bad = ids.filter((id) => id.length === 0 || id.length > 100);
  if (bad.length > 0 || ids.length > MAX_ATP_PRODUCTS) {
    sendJson(ctx.res, 400, {
      data: [],
      statusCode: 400,
      errors: [
        {
          sourceField: 'id',
          message: `Give 1 to ${MAX_ATP_PRODUCTS} comma-separated product ids of 1 to 100 characters.`,
        },
      ],
      exceptions: [],
    });
    return;
  }
  const modificationDate = new Date().toISOString();
  const data = ids.map((id) => {
    const numbers = availability(shop, id);
    return {
      id,
      location: `${shop.name} warehouse`,
      ...numbers,
      modificationDate,
      state: numbers.atp > 0 ? 'available' : 'sold out',
    };
  });
  sendJson(ctx.res, 200, { data, statusCode: 200, errors: [], exceptions: [] });
}

function healthStatus(serverId: string) {
  const now = new Date();
  const service = (name: string) => ({ name, checked: true, statusCode: 200, description: 'OK' });
  return {
    services: [service('database'), service('jms'), service('filesystem')],
    serverId,
    serverType: 'backend',
    statusCode: 200,
    description: 'OK',
    lastCheckEpoch: now.getTime(),
    lastSuccessfulCheckEpoch: now.getTime(),
    lastCheck: now.toISOString(),
    lastSuccessfulCheck: now.toISOString(),
  };
}

export const serviceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/rma\/shops\/([^/]+)\/return-reasons$/,
    auth: true,
    permission: 'View return requests',
    handle: returnReasons,
  },
  { method: 'GET', pattern: /^\/servlets\/services\/atp\/([^/]+)\/([^/]+)$/, auth: true, handle: atp },
  {
    method: 'GET',
    pattern: /^\/monitoring\/services\/health\/status$/,
    auth: false,
    handle: (ctx) => sendJson(ctx.res, 200, healthStatus('iom-simulator-1')),
  },
  {
    method: 'GET',
    pattern: /^\/monitoring\/services\/health\/clusterstatus$/,
    auth: true,
    handle: (ctx) => sendJson(ctx.res, 200, [healthStatus('iom-simulator-1')]),
  },
];
