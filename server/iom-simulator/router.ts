import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayUseShop, type SimulatorUser } from './auth.ts';
import type { ShopConfig } from './config.ts';
import type { FaultPlan } from './faults.ts';
import { decodeSegment, sendReport } from './http.ts';
import type { OrderStore, RequestCounter } from './store.ts';
import type { TlsController } from './tls.ts';

/** Everything a handler may touch. */
export interface SimulatorState {
  readonly shops: readonly ShopConfig[];
  readonly users: readonly SimulatorUser[];
  readonly store: OrderStore;
  readonly counter: RequestCounter;
  readonly plan: FaultPlan;
  readonly tls: TlsController | null;
  readonly baseUrl: () => string;
  /** Clears orders and counts and restarts the fault sequences (the faults themselves stay). */
  readonly reset: () => void;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path with repeated and trailing slashes removed. */
  path: string;
  /** The route's captured path segments, still percent-encoded. */
  params: string[];
  body: Buffer;
  /** The authenticated user (routes with `auth: true` only). */
  user: SimulatorUser | null;
  sim: SimulatorState;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  /** Basic auth required (and the forced-401 fault applies). */
  auth: boolean;
  /** Control API: no faults, not counted. */
  control?: boolean;
  /** Runs before any fault strikes, to count what arrived. */
  received?: (ctx: RequestContext) => void;
  handle: (ctx: RequestContext) => void | Promise<void>;
}

export type RouteMatch = { route: Route; params: string[] } | { allowed: string[] } | null;

/** The route for the method and path; else the methods the path allows (405); else null (404). */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: match.slice(1).map((p) => p ?? '') };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed: [...new Set(allowed)] } : null;
}

/**
 * The shop a path's `{shopId}` names, after checking that the user may use it. Answers 404 (unknown shop)
 * or 403 (not this user's shop) itself and returns null then.
 */
export function shopById(ctx: RequestContext, raw: string | undefined): ShopConfig | null {
  const id = raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  const shop = ctx.sim.shops.find((s) => s.id === id);
  return checkShop(ctx, shop, raw ?? '');
}

/** Like `shopById`, for a path's `{shopName}` (RMA). */
export function shopByName(ctx: RequestContext, raw: string | undefined): ShopConfig | null {
  const name = decodeSegment(raw ?? '');
  const shop = name === null ? undefined : ctx.sim.shops.find((s) => s.name === name);
  return checkShop(ctx, shop, name ?? raw ?? '');
}

function checkShop(ctx: RequestContext, shop: ShopConfig | undefined, asked: string): ShopConfig | null {
  if (!shop) {
    sendReport(ctx.res, 404, [
      { code: 'SHOP_NOT_FOUND', message: `No shop "${asked}" exists.`, value: asked },
    ]);
    return null;
  }
  if (ctx.user && !mayUseShop(ctx.user, shop.id)) {
    sendReport(ctx.res, 403, [
      {
        code: 'FORBIDDEN',
        message: `User ${ctx.user.username} is not authorized for shop ${shop.id} (${shop.name}).`,
        value: shop.id,
      },
    ]);
    return null;
  }
  return shop;
}
