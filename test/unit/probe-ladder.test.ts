import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/index.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { createOutboundPolicy } from '../../server/outbound/policy.ts';
import { basicAuth, httpGet, judgeAnswer, probeCalls } from '../../server/probe/application.ts';
import { runProbe } from '../../server/probe/ladder.ts';
import type { ProbeEnvironment, ProbeTarget } from '../../server/probe/types.ts';
import { useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator({
  users: [
    { username: 'consumer_ws', password: 'consumer_ws' },
    { username: 'b2c_ws', password: 'b2c_ws', shops: [10000] },
    { username: 'jürgen', password: 'pa:ss wörd ✓' },
    {
      username: 'no_create',
      password: 'x',
      permissions: ['Order status web service', 'View return requests'],
    },
    { username: 'no_states', password: 'x', permissions: ['Create order', 'View return requests'] },
    { username: 'no_returns', password: 'x', permissions: ['Create order', 'Order status web service'] },
  ],
});
const tlsSim = useSimulator({ tls: true });
const soonSim = useSimulator({ tls: { validityDays: 10 } });

const loopbackAllowed: ProbeEnvironment = {
  policy: createOutboundPolicy(['127.0.0.1', 'localhost']),
  resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
};

afterEach(() => {
  sim().setFaults({});
});

function target(type: ServiceType, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  const path = CATALOGUE[type].defaultPath;
  return {
    type,
    endpoint: `${sim().url}${path}`,
    username: 'consumer_ws',
    password: 'consumer_ws',
    timeoutMs: 3000,
    trustedCertificateSha256: null,
    shopId: 10000n,
    shopName: 'inTRONICS',
    ...overrides,
  };
}

const failedStep = (result: Awaited<ReturnType<typeof runProbe>>) =>
  result.steps.find((s) => s.status === 'failed')?.step;

describe('connectivity ladder', () => {
  it.each(SERVICE_TYPES)('%s: every step passes against IOM', async (type) => {
    const result = await runProbe(target(type), loopbackAllowed);
    expect(result.outcome).toBe('ok');
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['policy', 'ok'],
      ['dns', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'skipped'],
      ['application', 'ok'],
      ['health', 'ok'],
    ]);
  });

  it('auth_failed: a wrong password fails at the credentials step with an actionable sentence', async () => {
    const result = await runProbe(target('order-export', { password: 'wrong' }), loopbackAllowed);
    expect(result.outcome).toBe('auth_failed');
    expect(failedStep(result)).toBe('application');
    expect(result.message).toBe(
      'IOM answered 401 to POST /rest/order-service/shops/10000/orders: the username or password is wrong, or the IOM user lacks "Create order" for shop 10000; give it the ShopServiceClient role or that permission.',
    );
  });

  it('auth_failed: a user without permission for the shop (403)', async () => {
    const result = await runProbe(
      target('order-history', { username: 'b2c_ws', password: 'b2c_ws', shopId: 10001n }),
      loopbackAllowed,
    );
    expect(result.outcome).toBe('auth_failed');
    expect(result.message).toBe(
      'IOM answered 403 to GET /rest/order-service/shops/10001/order-states: the IOM user lacks "Order status web service" for shop 10001; give it the ShopServiceClient role or that permission.',
    );
  });

  it('sends credentials with a colon and non-ASCII characters correctly', async () => {
    const result = await runProbe(
      target('rma', { username: 'jürgen', password: 'pa:ss wörd ✓' }),
      loopbackAllowed,
    );
    expect(result.outcome).toBe('ok');
  });

  it('not_found: a wrong path or shop', async () => {
    const path = await runProbe(
      target('order-export', { endpoint: `${sim().url}/rest/order-servise` }),
      loopbackAllowed,
    );
    expect(path.outcome).toBe('not_found');
    expect(path.message).toContain('/rest/order-service');
    const shop = await runProbe(target('rma', { shopName: 'nope' }), loopbackAllowed);
    expect(shop.outcome).toBe('not_found');
    expect(shop.message).toContain('shop "nope"');
  });

  it('not_found: a 200 that is not IOM (HTML instead of JSON or WSDL)', async () => {
    sim().setFaults({ garbageHtml: true });
    const rest = await runProbe(target('order-export'), loopbackAllowed);
    expect(rest.outcome).toBe('not_found');
    expect(rest.message).toContain('not like IOM');
    const wsdl = await runProbe(target('reverse'), loopbackAllowed);
    expect(wsdl.outcome).toBe('not_found');
    expect(wsdl.message).toContain('no WSDL');
  });

  it('server_error: IOM answers 5xx', async () => {
    sim().setFaults({ errorRate: 1 });
    const result = await runProbe(target('order-history'), loopbackAllowed);
    expect(result.outcome).toBe('server_error');
    expect(result.message).toContain('IOM answered 500');
  });

  it('timeout: a host that accepts and never answers costs only the configured timeout', async () => {
    sim().setFaults({ hangRate: 1 });
    const started = performance.now();
    const result = await runProbe(target('order-export', { timeoutMs: 400 }), loopbackAllowed);
    expect(result.outcome).toBe('timeout');
    expect(failedStep(result)).toBe('application');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('unreachable: a closed port, and a name that does not resolve', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const closed = await runProbe(
      target('rma', { endpoint: `http://127.0.0.1:${port}/rest/rma` }),
      loopbackAllowed,
    );
    expect(closed.outcome).toBe('unreachable');
    expect(failedStep(closed)).toBe('tcp');
    expect(closed.message).toContain(`Nothing accepts connections on 127.0.0.1:${port}`);
    const dns = await runProbe(target('rma', { endpoint: 'https://iom.invalid/rest/rma' }), {
      ...loopbackAllowed,
      resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
    });
    expect(dns.outcome).toBe('unreachable');
    expect(failedStep(dns)).toBe('dns');
    expect(dns.message).toContain('iom.invalid does not resolve (ENOTFOUND)');
  });

  it('blocked: metadata addresses always, loopback without the allow-list, never connecting', async () => {
    const metadata = await runProbe(
      target('rma', { endpoint: 'http://169.254.169.254/latest/meta-data' }),
      loopbackAllowed,
    );
    expect(metadata.outcome).toBe('blocked');
    expect(metadata.steps.find((s) => s.step === 'tcp')?.status).toBe('skipped');
    const noAllow = await runProbe(
      target('rma', { endpoint: `http://iom.internal:${sim().port}/rest/rma` }),
      {
        policy: createOutboundPolicy([]),
        resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
      },
    );
    expect(noAllow.outcome).toBe('blocked');
    expect(noAllow.message).toContain('SWITCHBOARD_OUTBOUND_ALLOW');
    const scheme = await runProbe(
      target('rma', { endpoint: 'ftp://iom.example.com/rest/rma' }),
      loopbackAllowed,
    );
    expect(scheme.outcome).toBe('blocked');
  });

  it('resolves once and connects to the vetted address, so DNS rebinding cannot redirect it', async () => {
    const answers = ['127.0.0.1', '169.254.169.254'];
    let calls = 0;
    const result = await runProbe(
      target('order-export', { endpoint: `http://iom.rebind.test:${sim().port}/rest/order-service` }),
      {
        policy: createOutboundPolicy(['127.0.0.1']),
        resolve: () => Promise.resolve([{ address: answers[calls++] ?? '169.254.169.254', family: 4 }]),
      },
    );
    expect(calls).toBe(1);
    expect(result.outcome).toBe('ok');
    expect(result.steps.find((s) => s.step === 'dns')?.data).toEqual({ address: '127.0.0.1' });
  });

  it('tls_error: a self-signed certificate without a pin, with the fingerprint to pin', async () => {
    const result = await runProbe(
      target('order-export', { endpoint: `${tlsSim().url}/rest/order-service` }),
      loopbackAllowed,
    );
    expect(result.outcome).toBe('tls_error');
    expect(failedStep(result)).toBe('tls');
    expect(result.message).toContain('self-signed');
    expect(result.message).toContain(tlsSim().certificateSha256);
  });

  it('accepts a pinned self-signed certificate, and refuses it once it changed', async () => {
    const pin = tlsSim().certificateSha256 ?? '';
    const ok = await runProbe(
      target('order-export', {
        endpoint: `${tlsSim().url}/rest/order-service`,
        trustedCertificateSha256: pin,
      }),
      loopbackAllowed,
    );
    expect(ok.outcome).toBe('ok');
    const tls = ok.steps.find((s) => s.step === 'tls');
    expect(tls?.status).toBe('ok');
    expect(tls?.data).toMatchObject({ selfSigned: true, sha256: pin });
    expect(tls?.detail).toContain('(pinned)');
    await tlsSim().regenerateCertificate();
    const changed = await runProbe(
      target('order-export', {
        endpoint: `${tlsSim().url}/rest/order-service`,
        trustedCertificateSha256: pin,
      }),
      loopbackAllowed,
    );
    expect(changed.outcome).toBe('tls_error');
    expect(changed.message).toContain('changed since it was pinned');
  });

  it('warns about a certificate that expires within 30 days', async () => {
    const result = await runProbe(
      target('rma', {
        endpoint: `${soonSim().url}/rest/rma`,
        trustedCertificateSha256: soonSim().certificateSha256 ?? null,
      }),
      loopbackAllowed,
    );
    expect(result.outcome).toBe('ok');
    const tls = result.steps.find((s) => s.step === 'tls');
    expect(tls?.status).toBe('warning');
    expect(tls?.detail).toMatch(/expires in \d+ days/);
  });
});

describe('the application step names the IOM permission it exercises', () => {
  const as = (username: string) => ({ username, password: 'x' });
  const application = (result: Awaited<ReturnType<typeof runProbe>>) =>
    result.steps.find((s) => s.step === 'application');

  it('order export: an empty order refused as invalid (400) proves "Create order", and nothing is created', async () => {
    sim().reset();
    const result = await runProbe(target('order-export'), loopbackAllowed);
    expect(result.outcome).toBe('ok');
    expect(result.message).toBe(
      'IOM accepted the user for shop 10000 with "Create order" and "Order status web service". IOM refused the empty order as invalid: nothing was created.',
    );
    expect(application(result)?.detail).toBe(
      'POST /rest/order-service/shops/10000/orders → 400 VALIDATION_EXCEPTION, "Create order" allowed, nothing created; GET /rest/order-service/shops/10000/order-states?limit=1 → "Order status web service" allowed',
    );
    expect(sim().counts.shops['10000']).toEqual({ posts: 1, created: 0, duplicates: 0, invalid: 1 });
    expect(sim().findOrder(10000, '')).toBeUndefined();
  });

  it('a user without "Create order" is told so, with the shop and how to grant it', async () => {
    sim().reset();
    const result = await runProbe(target('order-export', as('no_create')), loopbackAllowed);
    expect(result.outcome).toBe('auth_failed');
    expect(failedStep(result)).toBe('application');
    expect(result.message).toBe(
      'IOM answered 403 to POST /rest/order-service/shops/10000/orders: the IOM user lacks "Create order" for shop 10000; give it the ShopServiceClient role or that permission.',
    );
    expect(sim().counts.shops['10000']?.created ?? 0).toBe(0);
  });

  it('order export and order history need "Order status web service"; RMA "View return requests"', async () => {
    const exportStates = await runProbe(target('order-export', as('no_states')), loopbackAllowed);
    expect(exportStates.outcome).toBe('auth_failed');
    expect(exportStates.message).toBe(
      'IOM answered 403 to GET /rest/order-service/shops/10000/order-states: the IOM user lacks "Order status web service" for shop 10000; give it the ShopServiceClient role or that permission.',
    );
    const history = await runProbe(target('order-history', as('no_states')), loopbackAllowed);
    expect(history.message).toBe(exportStates.message);
    const rma = await runProbe(target('rma', as('no_returns')), loopbackAllowed);
    expect(rma.outcome).toBe('auth_failed');
    expect(rma.message).toBe(
      'IOM answered 403 to GET /rest/rma/shops/inTRONICS/return-reasons: the IOM user lacks "View return requests" for shop "inTRONICS"; give it the ShopServiceClient role or that permission.',
    );
    const ok = await runProbe(target('rma', as('no_create')), loopbackAllowed);
    expect(ok.message).toBe('IOM accepted the user for shop "inTRONICS" with "View return requests".');
  });

  it('a 404 on an endpoint only newer APIs have says which version is needed', async () => {
    // An IOM whose RMA API predates return-reasons answers 404 there.
    const old = createHttpServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => old.listen(0, '127.0.0.1', r));
    try {
      const port = (old.address() as { port: number }).port;
      const result = await runProbe(
        target('rma', { endpoint: `http://127.0.0.1:${port}/rest/rma` }),
        loopbackAllowed,
      );
      expect(result.outcome).toBe('not_found');
      expect(result.message).toBe(
        'IOM answered 404 to GET /rest/rma/shops/inTRONICS/return-reasons: the endpoint path or the shop "inTRONICS" is wrong, or this IOM is too old: GET /shops/{shopName}/return-reasons exists only from RMA API 2.10. The endpoint of the IOM RMA Service usually ends in /rest/rma.',
      );
    } finally {
      await new Promise((r) => old.close(r));
    }
    // The simulator plays Order API 2.0 by default: it has no GET …/orders/{n}, which arrived with 2.2.
    expect(sim().dialect.orderApi).toBe('2.0');
    const url = `${sim().endpoints.orderService}/shops/10000/orders/4711`;
    const answer = await httpGet(
      url,
      { address: '127.0.0.1', hostname: '127.0.0.1', trustedCertificateSha256: null },
      3000,
      { authorization: basicAuth('consumer_ws', 'consumer_ws'), accept: 'application/json' },
    );
    expect(answer.status).toBe(404);
    expect(judgeAnswer(target('order-history'), url, answer).message).toContain(
      'or this IOM is too old: GET /shops/{shopId}/orders/{shopOrderNumber} exists only from Order API 2.2 (IOM 3.5).',
    );
    // Endpoints every version has get no version sentence.
    const wrongPath = await runProbe(
      target('order-history', { endpoint: `${sim().url}/rest/order-servise` }),
      loopbackAllowed,
    );
    expect(wrongPath.message).not.toContain('too old');
  });

  it('only IOM’s error report counts as the 400 that proves "Create order"', () => {
    const [create] = probeCalls(target('order-export'));
    if (!create) throw new Error('no call');
    const judge = (status: number, contentType: string, body: string) =>
      judgeAnswer(target('order-export'), create, { status, contentType, body, location: null });
    const report = JSON.stringify({ status: 400, errors: [{ code: 'VALIDATION_EXCEPTION', message: 'm' }] });
    expect(judge(400, 'application/json', report).outcome).toBe('ok');
    expect(judge(400, 'text/html', '<h1>Bad Request</h1>')).toMatchObject({
      outcome: 'not_found',
      message: expect.stringContaining("answered 400, but not with IOM's error report") as string,
    });
    expect(judge(400, 'application/json', '{"message":"bad"}').outcome).toBe('not_found');
    for (const status of [200, 201, 204])
      expect(judge(status, 'application/json', '{}').message).toContain(
        "to an empty order, not like IOM (IOM's Order API refuses an empty order with 400)",
      );
    expect(judge(415, '', '').message).toContain('refusing application/vnd.intershop.order.v2+json');
  });
});
