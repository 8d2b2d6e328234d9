/**
 * What Switchboard knows about IOM's REST APIs beyond a single call: the permissions its connectivity tests
 * exercise, and the endpoints that arrived after their API's first version. Pure; server and client read it.
 */

/**
 * The IOM permissions the connectivity tests prove, by the names IOM's back office gives them. Intershop's
 * guides advise the ShopServiceClient role, which holds them all, or finer permissions per service.
 */
export const IOM_PERMISSIONS = ['Create order', 'Order status web service', 'View return requests'] as const;
export type IomPermission = (typeof IOM_PERMISSIONS)[number];

export const SHOP_SERVICE_CLIENT_ROLE = 'ShopServiceClient';

/** The media type of IOM's Order API 2.x (requests and answers). */
export const IOM_ORDER_MEDIA_TYPE = 'application/vnd.intershop.order.v2+json';

/**
 * The permission a read of IOM's REST APIs exercises, by its path: order states need *Order status web
 * service*, RMA reads *View return requests*. Null where Switchboard does not know it.
 */
export function permissionOfRead(path: string): IomPermission | null {
  if (/\/shops\/[^/]+\/order-states(\/modified)?\/?$/.test(path)) return 'Order status web service';
  if (/\/return-(reasons|requests)/.test(path)) return 'View return requests';
  return null;
}

/** The sentence a refused call (401/403) ends with: what the IOM user lacks, and how to grant it. */
export const lacksPermission = (permission: IomPermission, shop: string) =>
  `the IOM user lacks "${permission}" for ${shop}; give it the ${SHOP_SERVICE_CLIENT_ROLE} role or that permission`;

export interface NewerEndpoint {
  method: 'GET' | 'POST';
  /** Matches the path after the service's base (e.g. after `/rest/order-service`). */
  pattern: RegExp;
  /** How the contract writes it. */
  endpoint: string;
  api: 'Order API' | 'RMA API';
  /** The API version whose changelog names it. */
  version: string;
  /** The IOM release that brought that API version, where Intershop's documents say so; else null. */
  iom: string | null;
}

/**
 * From the changelogs of IOM's published contracts: Order API 2.2 added `getOrder` (IOM 3.5, SPEC §5), 2.4
 * `order-states/modified`, RMA API 2.10 `return-reasons`. Everything else Switchboard calls exists from 2.0.
 */
export const NEWER_ENDPOINTS: readonly NewerEndpoint[] = [
  {
    method: 'GET',
    pattern: /\/shops\/[^/]+\/orders\/[^/]+$/,
    endpoint: 'GET /shops/{shopId}/orders/{shopOrderNumber}',
    api: 'Order API',
    version: '2.2',
    iom: '3.5',
  },
  {
    method: 'GET',
    pattern: /\/shops\/[^/]+\/order-states\/modified$/,
    endpoint: 'GET /shops/{shopId}/order-states/modified',
    api: 'Order API',
    version: '2.4',
    iom: null,
  },
  {
    method: 'GET',
    pattern: /\/shops\/[^/]+\/return-reasons$/,
    endpoint: 'GET /shops/{shopName}/return-reasons',
    api: 'RMA API',
    version: '2.10',
    iom: null,
  },
];

/** The newer endpoint a request path is, or null for one every version of its API has. */
export function newerEndpointOf(method: string, path: string): NewerEndpoint | null {
  const bare = path.replace(/\/+$/, '');
  return NEWER_ENDPOINTS.find((e) => e.method === method && e.pattern.test(bare)) ?? null;
}

/** "GET /shops/{shopId}/orders/{shopOrderNumber} exists only from Order API 2.2 (IOM 3.5)". */
export const versionNeeded = (e: NewerEndpoint) =>
  `${e.endpoint} exists only from ${e.api} ${e.version}${e.iom ? ` (IOM ${e.iom})` : ''}`;
