import type { FastifyInstance, FastifyRequest } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI's emotion injects style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Browser features Switchboard never uses, so a page that manages to run in it cannot use them either. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** A year, and subdomains too: once a browser has seen Switchboard over https, it never tries http again. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The route a request reached as it was registered (`/trpc/:path`), however its URL spells it
 * (`/%74rpc/…` reaches the same route); for a request that reached none, its decoded path.
 */
function routeOf(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route !== undefined) return route;
  const path = request.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The APIs: tRPC and the CSV download answer with the session cookie's rights, the intake with a token's. */
const isApi = (route: string) => route === '/trpc' || route.startsWith('/trpc/') || route.startsWith('/api/');

/**
 * Whether a browser says the request comes from a page of another site: `Sec-Fetch-Site` (every current browser
 * sends it) names another site, or `Origin` names another host. A server calling the intake sends neither.
 */
function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  return origin !== undefined && originHost(origin) !== request.host;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Security headers on every answer, and the cross-site guard before any route runs. The guard judges the route
 * Fastify matched, not the raw URL, so no spelling of a path slips past it:
 * - a write (any method but GET and HEAD) from another site is refused on every route, including the ones a
 *   SameSite=Lax cookie does not shield (a sibling subdomain is the same site);
 * - under /trpc and /api even a GET from another site is refused: following a link must not start work
 *   (a query, a subscription) or hand over data (the CSV download) with the visitor's session.
 * Pages of the client stay reachable by links from anywhere.
 */
export function registerSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    if ((write || isApi(routeOf(request))) && fromAnotherSite(request))
      return reply.code(403).send({
        error: 'cross_site',
        message: write
          ? 'Requests from other sites are refused. Use Switchboard from its own address.'
          : 'Switchboard answers its API only to its own pages, not to links or pages of other sites. Open Switchboard at its own address and go there from within it.',
      });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('content-security-policy', CSP);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    // Only over https: over plain http the header is ignored, and claiming it there would mislead.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    // Answers of the APIs depend on who asks; no cache (a browser's, a proxy's) may keep or replay them.
    if (isApi(routeOf(request))) reply.header('cache-control', 'no-store');
  });
}
