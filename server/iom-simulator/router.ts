import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IomPermission } from '../../shared/iomApi.ts';
import { mayUseShop, type SimulatorUser } from './auth.ts';
import type { ShopConfig } from './config.ts';
import type { FaultPlan } from './faults.ts';
import type { Dialect, OrderApi } from './dialect.ts';
import { decodeSegment, sendBodiless } from './http.ts';
import type { OrderStore, RequestCounter } from './store.ts';
import type { TlsController } from './tls.ts';

/** Everything a handler may touch. */
export interface SimulatorState {
  readonly shops: readonly ShopConfig[];
  readonly users: readonly SimulatorUser[];
  readonly store: OrderStore;
  readonly counter: RequestCounter;
  readonly plan: FaultPlan;
  /** Which IOM it plays and the conveniences it adds; changed through the control API. */
  readonly dialect: { current: Dialect };
  readonly tls: TlsController | null;
  /** Aborted when the simulator closes. */
  readonly closing: AbortSignal;
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
  /** The Order API version that brought the endpoint; under an older `orderApi` it does not exist (404). */
  since?: OrderApi;
  /**
   * The IOM permission the call needs: a user without it gets 403 (no body), before the request is read any
   * further, so an empty order from a user who may not create orders is refused as forbidden, not as invalid.
   * The permissions of calls Intershop's documents do not name are not checked.
   */
  permission?: IomPermission;
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

/**
 * An unknown shop gets 404 and a shop the user may not use 403, both without a body (the contracts declare
 * none). Which of the two IOM answers for an unknown shop is not documented; 404 is a guess.
 */
function checkShop(ctx: RequestContext, shop: ShopConfig | undefined, asked: string): ShopConfig | null {
  const reports = ctx.sim.dialect.current.errorBodies;
  if (!shop) {
    sendBodiless(
      ctx.res,
      404,
      [{ code: 'SHOP_NOT_FOUND', message: `No shop "${asked}" exists.`, value: asked }],
      reports,
    );
    return null;
  }
  if (ctx.user && !mayUseShop(ctx.user, shop.id)) {
    sendBodiless(
      ctx.res,
      403,
      [
        {
          code: 'FORBIDDEN',
          message: `User ${ctx.user.username} is not authorized for shop ${shop.id} (${shop.name}).`,
          value: shop.id,
        },
      ],
      reports,
    );
    return null;
  }
  return shop;
}
