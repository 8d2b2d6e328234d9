import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, holdsPermission } from './auth.ts';
import { CONTROL_PREFIX } from './control.ts';
import { hasOrderApi } from './dialect.ts';
import { BodyTooLargeError, normalizePath, readBody, sendBodiless, sendBody, sendReport } from './http.ts';
import { matchRoute, type RequestContext, type Route, type SimulatorState } from './router.ts';

const GARBAGE_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in</h1><form method="post" action="/login"><input name="user"><input name="password" type="password">
<button>Sign in</button></form></body></html>
`;

export interface DispatchOptions {
  maxBodyBytes: number;
  /** Aborted when the simulator closes: ends pending latency waits. */
  closing: AbortSignal;
  /** Requests held open by the hang fault; the simulator ends them when it closes. */
  hanging: Set<ServerResponse>;
}

/** Waits `ms`, or less when the client goes away or the simulator closes. */
function pause(ms: number, res: ServerResponse, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      closing.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
    closing.addEventListener('abort', done, { once: true });
  });
}

/** 401 with the challenge; no body, as IOM's contracts declare none. */
function unauthorized(sim: SimulatorState, res: ServerResponse, message: string): void {
  sendBodiless(res, 401, [{ code: 'UNAUTHORIZED', message }], sim.dialect.current.errorBodies, {
    'WWW-Authenticate': 'Basic realm="IOM", charset="UTF-8"',
  });
}

/** The faults that strike before the route answers; true when one of them took over the request. */
async function strike(ctx: RequestContext, route: Route | null, options: DispatchOptions): Promise<boolean> {
  const { sim, res, path } = ctx;
  const latency = sim.plan.latencyFor(path);
  if (latency > 0) {
    sim.counter.fault('latency');
    await pause(latency, res, options.closing);
    if (res.destroyed || options.closing.aborted) return true;
  }
  if (!sim.plan.applies(path)) return false;
  if (sim.plan.hits('hang')) {
    sim.counter.fault('hang');
    options.hanging.add(res);
    res.once('close', () => options.hanging.delete(res));
    return true;
  }
  if (sim.plan.hits('error')) {
    sim.counter.fault('error');
    const status = sim.plan.errorStatus;
    const retryAfter = sim.plan.retryAfter;
    sendBodiless(
      res,
      status,
      [{ code: 'INTERNAL_SERVER_ERROR', message: `An unexpected error occurred (simulated ${status}).` }],
      sim.dialect.current.errorBodies,
      retryAfter ? { 'Retry-After': retryAfter } : {},
    );
    return true;
  }
  if (sim.plan.garbageHtml) {
    sim.counter.fault('garbageHtml');
    sendBody(res, 200, GARBAGE_HTML, 'text/html; charset=utf-8');
    return true;
  }
  if (route?.auth && sim.plan.unauthorized) {
    sim.counter.fault('unauthorized');
    unauthorized(sim, res, 'Authentication failed (simulated).');
    return true;
  }
  return false;
}

async function dispatch(
  sim: SimulatorState,
  routes: readonly Route[],
  options: DispatchOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://simulator.invalid');
  } catch {
    sendReport(res, 400, [{ code: 'BAD_REQUEST', message: 'The request target is not a valid URL.' }]);
    return;
  }
  const path = normalizePath(url.pathname);
  const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
  if (!isControl) {
    sim.counter.request(path);
    res.once('finish', () => sim.counter.status(res.statusCode));
  }
  let body: Buffer;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      sendReport(res, 413, [{ code: 'PAYLOAD_TOO_LARGE', message: error.message }], { Connection: 'close' });
    return;
  }
  // An endpoint a newer Order API brought does not exist under an older one: 404, as an older IOM answers.
  const served = routes.filter((r) => !r.since || hasOrderApi(sim.dialect.current, r.since));
  const match = matchRoute(served, req.method ?? 'GET', path);
  const route = match && 'route' in match ? match.route : null;
  const ctx: RequestContext = {
    req,
    res,
    url,
    path,
    params: match && 'params' in match ? match.params : [],
    body,
    user: null,
    sim,
  };
  route?.received?.(ctx);
  if (!isControl && (await strike(ctx, route, options))) return;
  const reports = isControl || sim.dialect.current.errorBodies;
  if (!match) {
    sendBodiless(
      res,
      404,
      [{ code: 'NOT_FOUND', message: `Nothing is served at ${path}.`, value: path }],
      reports,
    );
    return;
  }
  if (!route) {
    const allowed = 'allowed' in match ? match.allowed.join(', ') : '';
    sendBodiless(
      res,
      405,
      [{ code: 'METHOD_NOT_ALLOWED', message: `Use ${allowed}.`, value: req.method }],
      reports,
      { Allow: allowed },
    );
    return;
  }
  if (route.auth) {
    ctx.user = authenticate(sim.users, req.headers.authorization);
    if (!ctx.user) {
      unauthorized(sim, res, 'Authentication information is missing or invalid.');
      return;
    }
    if (route.permission && !holdsPermission(ctx.user, route.permission)) {
      sendBodiless(
        res,
        403,
        [
          {
            code: 'FORBIDDEN',
            message: `User ${ctx.user.username} lacks the permission "${route.permission}".`,
            value: route.permission,
          },
        ],
        sim.dialect.current.errorBodies,
      );
      return;
    }
  }
  await route.handle(ctx);
}

/** The request listener: routes, faults, and a 500 (never a crash) when a handler throws. */
export function createRequestHandler(
  sim: SimulatorState,
  routes: readonly Route[],
  options: DispatchOptions,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(sim, routes, options, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendReport(res, 500, [{ code: 'INTERNAL_SERVER_ERROR', message: `The simulator failed: ${message}` }]);
    });
  };
}
