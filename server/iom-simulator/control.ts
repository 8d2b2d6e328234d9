import { problemsOf, SimulatorConfigError, type ConfigProblem } from './config.ts';
import { faultsSchema, type Faults } from './faults.ts';
import { decodeSegment, parseJson, sendJson, sendReport } from './http.ts';
import type { RequestContext, Route, SimulatorState } from './router.ts';
import { dialectSchema, type Dialect } from './dialect.ts';
import { ORDER_STATES } from './store.ts';

export const CONTROL_PREFIX = '/__simulator';

/** Validates faults; `base` is what a partial change is applied to (PATCH), else the defaults (PUT). */
export function parseFaults(input: unknown, base: Partial<Faults> = {}): Faults {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new SimulatorConfigError([{ field: 'faults', message: 'must be a JSON object' }]);
  const result = faultsSchema.safeParse({ ...base, ...input });
  if (!result.success) throw new SimulatorConfigError(problemsOf(result.error));
  return result.data;
}

/** Validates a dialect; `base` is what a partial change is applied to (PATCH), else the contract (PUT). */
export function parseDialect(input: unknown, base: Partial<Dialect> = {}): Dialect {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new SimulatorConfigError([{ field: 'dialect', message: 'must be a JSON object' }]);
  const result = dialectSchema.safeParse({ ...base, ...input });
  if (!result.success) throw new SimulatorConfigError(problemsOf(result.error));
  return result.data;
}

/** What `GET /__simulator/state` shows: everything but the passwords. */
export function describeState(sim: SimulatorState) {
  const tls = sim.tls?.current;
  return {
    url: sim.baseUrl(),
    tls: tls
      ? {
          certificateSha256: tls.sha256,
          validFrom: tls.validFrom.toISOString(),
          validTo: tls.validTo.toISOString(),
        }
      : null,
    shops: sim.shops.map((s) => ({ id: s.id, name: s.name })),
    users: sim.users.map((u) => ({ username: u.username, shops: u.shopIds === null ? '*' : [...u.shopIds] })),
    orders: sim.store.size,
    dialect: sim.dialect.current,
    faults: sim.plan.faults,
    counts: sim.counter.snapshot(),
  };
}

function refuse(ctx: RequestContext, problems: ConfigProblem[], value?: unknown): void {
  sendReport(
    ctx.res,
    400,
    problems.map((p) => ({
      code: 'INVALID_SETTING',
      field: p.field,
      message: p.message,
      value: value ?? null,
    })),
  );
}

/** The JSON object of the request, `{}` for an empty body; answers 400 itself and returns null otherwise. */
function jsonBody(ctx: RequestContext): Record<string, unknown> | null {
  if (ctx.body.length === 0) return {};
  const parsed = parseJson(ctx.body);
  if (
    !parsed.ok ||
    parsed.value === null ||
    typeof parsed.value !== 'object' ||
    Array.isArray(parsed.value)
  ) {
    refuse(ctx, [{ field: '(body)', message: 'must be a JSON object' }]);
    return null;
  }
  return parsed.value as Record<string, unknown>;
}

function changeFaults(ctx: RequestContext, merge: boolean): void {
  const body = jsonBody(ctx);
  if (!body) return;
  try {
    ctx.sim.plan.replace(parseFaults(body, merge ? ctx.sim.plan.faults : {}));
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    const first = error.problems[0]?.field.split('.')[0] ?? '';
    refuse(ctx, error.problems, first ? body[first] : undefined);
    return;
  }
  sendJson(ctx.res, 200, ctx.sim.plan.faults);
}

function changeDialect(ctx: RequestContext, merge: boolean): void {
  const body = jsonBody(ctx);
  if (!body) return;
  try {
    ctx.sim.dialect.current = parseDialect(body, merge ? ctx.sim.dialect.current : {});
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    const first = error.problems[0]?.field.split('.')[0] ?? '';
    refuse(ctx, error.problems, first ? body[first] : undefined);
    return;
  }
  sendJson(ctx.res, 200, ctx.sim.dialect.current);
}

async function regenerateCertificate(ctx: RequestContext): Promise<void> {
  const tls = ctx.sim.tls;
  if (!tls) {
    sendReport(ctx.res, 409, [
      { code: 'TLS_OFF', message: 'The simulator runs without TLS; start it with --tls.' },
    ]);
    return;
  }
  const body = jsonBody(ctx);
  if (!body) return;
  try {
    const info = await tls.regenerate(body);
    sendJson(ctx.res, 200, {
      certificateSha256: info.sha256,
      validFrom: info.validFrom.toISOString(),
      validTo: info.validTo.toISOString(),
      certificatePem: info.certificatePem,
    });
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    refuse(ctx, error.problems);
  }
}

function setOrderState(ctx: RequestContext): void {
  const body = jsonBody(ctx);
  if (!body) return;
  const state = typeof body.state === 'string' ? body.state.replace(/^STATE_/, '') : '';
  if (!ORDER_STATES.includes(state)) {
    refuse(
      ctx,
      [
        {
          field: 'state',
          message: `must be a state of IOM's status model, e.g. DISPATCHED or STATE_DISPATCHED`,
        },
      ],
      body.state,
    );
    return;
  }
  const shopId = Number(ctx.params[0]);
  const number = decodeSegment(ctx.params[1] ?? '');
  const order = number === null ? undefined : ctx.sim.store.find(shopId, number);
  if (!order) {
    sendReport(ctx.res, 404, [
      { code: 'ORDER_NOT_FOUND', message: `Shop ${shopId} has no order ${number ?? ''}.` },
    ]);
    return;
  }
  ctx.sim.store.setState(order, state);
  sendJson(ctx.res, 200, {
    shopId,
    shopOrderNumber: order.shopOrderNumber,
    id: order.id,
    state: order.state,
    status: `STATE_${order.state}`,
  });
}

const control = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`^${CONTROL_PREFIX}${path}$`),
  auth: false,
  control: true,
  handle,
});

export const controlRoutes: Route[] = [
  control('GET', '/state', (ctx) => sendJson(ctx.res, 200, describeState(ctx.sim))),
  control('GET', '/counts', (ctx) => sendJson(ctx.res, 200, ctx.sim.counter.snapshot())),
  control('GET', '/faults', (ctx) => sendJson(ctx.res, 200, ctx.sim.plan.faults)),
  control('PUT', '/faults', (ctx) => changeFaults(ctx, false)),
  control('PATCH', '/faults', (ctx) => changeFaults(ctx, true)),
  control('DELETE', '/faults', (ctx) => {
    ctx.sim.plan.replace(faultsSchema.parse({}));
    sendJson(ctx.res, 200, ctx.sim.plan.faults);
  }),
  control('POST', '/reset', (ctx) => {
    ctx.sim.reset();
    sendJson(ctx.res, 200, { orders: ctx.sim.store.size, counts: ctx.sim.counter.snapshot() });
  }),
  control('GET', '/dialect', (ctx) => sendJson(ctx.res, 200, ctx.sim.dialect.current)),
  control('PUT', '/dialect', (ctx) => changeDialect(ctx, false)),
  control('PATCH', '/dialect', (ctx) => changeDialect(ctx, true)),
  control('POST', '/certificate', regenerateCertificate),
  control('PUT', '/shops/(\\d{1,16})/orders/([^/]+)/state', setOrderState),
];
