import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken, revokeToken } from '../../server/tokens/commands.ts';
import { exportFilterSchema } from '../../shared/schemas/exports.ts';
import { ensureChannels, signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fingerprint, stateTables } from '../helpers/fingerprint.ts';
import { arbitraryOf } from '../helpers/zodArbitrary.ts';

/**
 * Every REST route of server/http — the intake under /api/v1, /api/exports.csv, /healthz, /readyz, /metrics —
 * called through Fastify's inject with generated methods, paths, headers, query strings and bodies (valid orders,
 * orders with one field broken, malformed JSON, wrong media types, huge and deeply nested bodies). Nothing may
 * answer 5xx (the only 5xx a route means is /readyz's 503, and the database is up here), no answer may carry a
 * stack trace, and a refused request (4xx) changes nothing stored.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const MAX_BYTES = 32 * 1024;
const METRICS_SECRET = 'metrics-secret-for-fuzzing-0123';

let tdb: TestDatabase;
let app: FastifyInstance;
let tables: string[];
const auth = { valid: '', other: '', revoked: '', session: '' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await ensureChannels(tdb.db, ['b2c', 'other']);
  auth.valid = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] })).token;
  auth.other = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM other', channels: ['other'] })).token;
  const revoked = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'old', channels: ['b2c'] });
  await revokeToken(tdb.db, SYSTEM_ACTOR, revoked.record.id);
  auth.revoked = revoked.token;
  auth.session = (await signedInAs(tdb.db, 'support')).token;
  app = await buildApp({
    database: tdb,
    env: loadEnv({
      SWITCHBOARD_INTAKE_MAX_BYTES: String(MAX_BYTES),
      SWITCHBOARD_METRICS: `token:${METRICS_SECRET}`,
    }),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
  tables = await stateTables(tdb.db);
});
afterAll(async () => {
  await app.close();
  await tdb.close();
});

// ---- generators ----------------------------------------------------------------------------------------

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('b2c', 'other', 'ORD-1', 'ICM-42') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'nowhere',
      '',
      '%20',
      '%00',
      '%zz',
      '%',
      '..',
      '%2e%2e',
      '..%2f..%2fetc%2fpasswd',
      'B2C',
      'x'.repeat(300),
      '%F0%9F%98%80',
      '%C3%BC',
      ';',
      "'%20or%201=1--",
      'ORD%2F1',
      '%E0%A4%A',
    ),
  },
  { weight: 2, arbitrary: fc.webSegment() },
);

const path = fc.oneof(
  fc.tuple(segment).map(([c]) => `/api/v1/channels/${c}/orders`),
  fc.tuple(segment, segment).map(([c, n]) => `/api/v1/channels/${c}/orders/${n}`),
  fc.tuple(segment, segment).map(([c, n]) => `/api/v1/channels/${c}/orders/${n}/approval`),
  fc.constantFrom(
    '/api/exports.csv',
    '/healthz',
    '/readyz',
    '/metrics',
    '/api/v1',
    '/api/v1/channels',
    '/api/v1/channels//orders',
    '/api/v1/channels/b2c/orders/',
    '/api/v1/channels/b2c/orders/ORD-1/approval/',
    '/api/v1/channels/b2c/orders/ORD-1/x/y',
    '//api/v1/channels/b2c/orders',
    '/api/v1/./channels/b2c/orders',
    '/API/V1/channels/b2c/orders',
  ),
);

const filterEntries = arbitraryOf(exportFilterSchema).map((f) =>
  f && typeof f === 'object' && !Array.isArray(f)
    ? Object.entries(f as Record<string, unknown>).map(([k, v]) => [
        k,
        // A query string carries text: an invalid Date goes as the text a browser would send for it.
        v instanceof Date
          ? Number.isNaN(v.getTime())
            ? 'Invalid Date'
            : v.toISOString()
          : JSON.stringify(v),
      ])
    : [],
);
const queryString = fc
  .tuple(
    filterEntries,
    fc.array(
      fc.tuple(
        fc.constantFrom(
          'sort',
          'order',
          'state',
          'from',
          'to',
          'x',
          'channelId[]',
          '__proto__',
          'constructor',
        ),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('createdAt', 'attempts', 'ASC', 'DESC', '')),
      ),
      { maxLength: 3 },
    ),
    fc.constantFrom('', '&', '&&=', '=x', '%', '%zz=1', 'a[b][c]=1', 'sort=createdAt&sort=attempts'),
  )
  .map(([filter, extra, raw]) => {
    const params = new URLSearchParams();
    for (const [k, v] of [...filter, ...extra]) params.append(String(k), String(v));
    const text = [params.toString(), raw].filter(Boolean).join('&');
    return text ? `?${text}` : '';
  });

const authorization = fc.constantFrom<(() => string | undefined)[]>(
  () => `Bearer ${auth.valid}`,
  () => `Bearer ${auth.valid}`,
  () => `bearer   ${auth.valid}  `,
  () => `Bearer ${auth.other}`,
  () => `Bearer ${auth.revoked}`,
  () => `Bearer ${METRICS_SECRET}`,
  () => undefined,
  () => 'Bearer',
  () => 'Bearer ',
  () => 'Bearer sbt_',
  () => `Bearer ${'a'.repeat(5000)}`,
  () => `Basic ${Buffer.from('admin:admin').toString('base64')}`,
  () => `Bearer ${auth.valid} extra`,
  () => `Bearer ${auth.valid.toUpperCase()}`,
  () => 'Bearer \u00e9\u00e9',
);

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.intershop.order.v2+json',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json;;;',
  '',
);

/** A valid order with one field replaced by something else: reaches the validation deeper down. */
const FIELDS = [
  'shopOrderNumber',
  'shopOrderCreationDate',
  'customerData',
  'invoiceAddress',
  'payment',
  'sales',
  'shippingBuckets',
];
const orderNumber = fc.oneof(fc.constantFrom('ORD-1', 'ICM-42'), fc.stringMatching(/^[A-Z0-9-]{1,12}$/));
const mutatedOrder = fc
  .tuple(orderNumber, fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([n, field, value, remove]) => {
    const order = sampleOrder(n);
    if (remove) delete order[field];
    else order[field] = value;
    return JSON.stringify(order);
  });

const nested = (depth: number) =>
  `{"shopOrderNumber":"DEEP-${depth}","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const deepOrder = (depth: number) => {
  const order = JSON.stringify(sampleOrder(`DEEP-${depth}`));
  return `${order.slice(0, -1)},"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
};

const body = fc.oneof(
  { weight: 3, arbitrary: orderNumber.map((n) => JSON.stringify(sampleOrder(n))) },
  { weight: 4, arbitrary: mutatedOrder },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '{',
      '{"shopOrderNumber": ',
      'null',
      '[]',
      '"text"',
      '{"__proto__":{"polluted":true},"shopOrderNumber":"P-1"}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '\u0000\u0001\u0002',
      '\uFEFF{}',
      '{"a":1e999999}',
      '{"shopOrderNumber":"\\ud800"}',
      JSON.stringify(sampleOrder('NUL-1', { project: 'a\u0000b' })),
      JSON.stringify({ ...sampleOrder('NUL-2'), ['key\u0000']: 1 }),
      '{"shopOrderNumber":"ORD-1","shopOrderNumber":"ORD-2"}',
      nested(5000),
      deepOrder(2000),
      deepOrder(10_000),
      'x'.repeat(MAX_BYTES + 1),
      JSON.stringify(sampleOrder('BIG-1', { project: 'x'.repeat(MAX_BYTES) })),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')) },
);

const request = fc.record({
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
    { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') },
  ),
  path,
  query: fc.oneof(fc.constant(''), queryString),
  authorization,
  contentType,
  cookie: fc.constantFrom<(() => string | undefined)[]>(
    () => undefined,
    () => `switchboard_session=${auth.session}`,
    () => 'switchboard_session=not-a-session',
    () => 'switchboard_session=',
    () => `switchboard_session=${auth.session}; switchboard_session=x`,
    () => '=;;=;',
  ),
  requestId: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
  extraHeaders: fc.dictionary(
    fc.constantFrom('accept', 'content-encoding', 'x-forwarded-for', 'x-forwarded-proto', 'origin', 'range'),
    fc.constantFrom(
      'gzip',
      '*/*',
      'text/csv',
      'https',
      '1.2.3.4, 5.6.7.8',
      'https://evil.example',
      'bytes=0-1',
    ),
    { maxKeys: 2 },
  ),
  body: fc.option(body, { nil: undefined, freq: 3 }),
});
type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toInject(r: Generated): InjectOptions & { url: string } {
  const headers: Record<string, string> = { ...r.extraHeaders };
  const a = r.authorization();
  if (a !== undefined) headers.authorization = a;
  const c = r.cookie();
  if (c !== undefined) headers.cookie = c;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
  const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
  return {
    method: r.method,
    url: `${r.path}${r.query}`,
    headers,
    ...(hasBody ? { payload: r.body } : {}),
  };
}

const STACK = /\n\s+at .+:\d+:\d+/;
const answers = new Map<string, number>();

describe('REST routes under generated requests', () => {
  it('never answer 5xx, never show a stack, and a refused request changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const options = toInject(r);
        const before = await fingerprint(tdb.db, tables);
        const response = await app.inject(options);
        const where = `${options.method} ${options.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        answers.set(String(response.statusCode), (answers.get(String(response.statusCode)) ?? 0) + 1);
        expect(response.statusCode, where).toBeLessThan(500);
        expect(response.body, where).not.toMatch(STACK);
        if (response.statusCode >= 400)
          expect(await fingerprint(tdb.db, tables), `${where}: refused, but data changed`).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS * 8, endOnFailure: true },
    );
    // The inputs reached past the gates: some were taken, some refused for their content.
    expect([...answers.keys()]).toEqual(expect.arrayContaining(['200', '400', '401']));
  }, 120_000);

  it('the intake, past its gates (a valid token, JSON), takes or refuses every body without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await fingerprint(tdb.db, tables);
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/channels/b2c/orders',
          headers: { authorization: `Bearer ${auth.valid}`, 'content-type': 'application/json' },
          payload,
        });
        const where = `${payload.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json(), where).toMatchObject({ error: expect.any(String) as string });
          expect(await fingerprint(tdb.db, tables), where).toBe(before);
        }
      }),
      { numRuns: RUNS * 4, endOnFailure: true },
    );
  }, 120_000);

  it.each(['orderNumber=%00', 'iomErrorCode=%00', 'orderNumber=a%00b&orderNumberMatch=prefix', 'from=%00'])(
    'the CSV download refuses or answers ?%s without a 5xx',
    async (query) => {
      const response = await app.inject({
        url: `/api/exports.csv?${query}`,
        cookies: { switchboard_session: auth.session },
      });
      expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
    },
  );

  it.each([
    ['a valid order nested 10 000 deep', deepOrder(10_000)],
    ['a valid order nested 2 000 deep', deepOrder(2000)],
    ['an object nested 5 000 deep', nested(5000)],
    ['one byte over the limit', 'x'.repeat(MAX_BYTES + 1)],
    ['a duplicate key', '{"shopOrderNumber":"ORD-1","shopOrderNumber":"ORD-2"}'],
    ['a lone surrogate', JSON.stringify(sampleOrder('\ud800'))],
    ['a NUL character in a field', JSON.stringify(sampleOrder('NUL-1', { project: 'a\u0000b' }))],
    ['a NUL character in a key', JSON.stringify({ ...sampleOrder('NUL-2'), ['key\u0000']: 1 })],
  ])('the intake refuses %s with a 4xx and stores nothing', async (_what, payload) => {
    const before = await fingerprint(tdb.db, tables);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2c/orders',
      headers: { authorization: `Bearer ${auth.valid}`, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, response.body).toBeLessThan(500);
    expect(response.json()).toMatchObject({
      error: expect.any(String) as string,
      message: expect.any(String) as string,
    });
    expect(await fingerprint(tdb.db, tables)).toBe(before);
  });
});
