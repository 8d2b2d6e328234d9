import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderExports, organizations } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { resolveSession, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { ensureChannels, signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The cross-site guard over real HTTP: it judges the route Fastify matched, not how the URL spells it, refuses
 * every write from another site, and under /trpc and /api refuses even GETs from another site — while the
 * intake's server-to-server calls, which carry no browser headers, keep working.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let admin: string;
let intakeToken: string;

const HOST = 'switchboard.example';
const SAME = { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' };
const FOREIGN_ORIGIN = { host: HOST, origin: 'https://evil.example' };
const CROSS_SITE = { host: HOST, 'sec-fetch-site': 'cross-site' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp({
    database: tdb,
    env: loadEnv({}),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
  admin = (await signedInAs(tdb.db, 'admin')).token;
  await ensureChannels(tdb.db, ['b2c']);
  intakeToken = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] })).token;
});
afterAll(async () => {
  await app.close();
  await tdb.close();
});

const asAdmin = (options: InjectOptions & { url: string }) =>
  app.inject({ ...options, cookies: { [SESSION_COOKIE]: admin } });

const createOrganization = (url: string, headers: Record<string, string>, id: string) =>
  asAdmin({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: { json: { id, name: id } },
  });

const organizationExists = async (id: string) =>
  (await tdb.db.select().from(organizations).where(eq(organizations.id, id))).length > 0;

const query = (procedure: string, input: unknown = {}) =>
  `${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

describe('writes from another site', () => {
  it.each([
    ['/%74rpc/organizations.create', FOREIGN_ORIGIN],
    ['/%74rpc/organizations.create', CROSS_SITE],
    ['/%74%72%70%63/organizations.create', FOREIGN_ORIGIN],
    ['/trpc/organizations%2Ecreate', FOREIGN_ORIGIN],
    ['/trpc/organizations.create', FOREIGN_ORIGIN],
    ['/trpc/organizations.create', { host: HOST, origin: 'null' }],
    ['/trpc/organizations.create', { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-site' }],
  ])('are refused at %s (%o) and create nothing', async (url, headers) => {
    const id = `evil-${Math.random().toString(36).slice(2, 10)}`;
    const response = await createOrganization(url, headers, id);
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({
      error: 'cross_site',
      message: expect.stringMatching(/other sites/) as string,
    });
    expect(await organizationExists(id)).toBe(false);
  });

  it('pass from Switchboard’s own pages, however the path is spelled', async () => {
    const plain = await createOrganization('/trpc/organizations.create', SAME, 'own-plain');
    expect(plain.statusCode, plain.body).toBe(200);
    const encoded = await createOrganization('/%74rpc/organizations.create', SAME, 'own-encoded');
    expect(encoded.statusCode, encoded.body).toBe(200);
    expect(await organizationExists('own-plain')).toBe(true);
    expect(await organizationExists('own-encoded')).toBe(true);
  });

  it('cannot sign a user out with a form posted from another site to the encoded logout path', async () => {
    const { token } = await signedInAs(tdb.db, 'support');
    // What a <form method="post" enctype="text/plain"> on another site sends.
    for (const headers of [
      { ...FOREIGN_ORIGIN, 'sec-fetch-site': 'cross-site' },
      FOREIGN_ORIGIN,
      CROSS_SITE,
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/%74rpc/auth.logout',
        headers: { 'content-type': 'text/plain', ...headers },
        cookies: { [SESSION_COOKIE]: token },
        payload: 'x=1',
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(await resolveSession(tdb.db, token)).not.toBeNull();
    }
    const own = await app.inject({
      method: 'POST',
      url: '/trpc/auth.logout',
      headers: { 'content-type': 'application/json', ...SAME },
      cookies: { [SESSION_COOKIE]: token },
      payload: {},
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(await resolveSession(tdb.db, token)).toBeNull();
  });

  it('are refused on routes that do not exist, and on any method but GET and HEAD', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
      const response = await asAdmin({
        method,
        url: '/%74rpc/organizations.create',
        headers: FOREIGN_ORIGIN,
      });
      expect(response.statusCode, method).toBe(403);
    }
    expect((await app.inject({ method: 'POST', url: '/nowhere', headers: CROSS_SITE })).statusCode).toBe(403);
  });
});

describe('GETs from another site under /trpc and /api', () => {
  it('are refused for queries, test-all and the encoded path; own pages, typed URLs and bookmarks pass', async () => {
    for (const url of [
      `/trpc/${query('users.list')}`,
      `/%74rpc/${query('users.list')}`,
      `/trpc/${query('probes.testAll')}`,
    ]) {
      for (const headers of [CROSS_SITE, FOREIGN_ORIGIN, { host: HOST, 'sec-fetch-site': 'same-site' }]) {
        const response = await asAdmin({ method: 'GET', url, headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.json<{ message: string }>().message).toMatch(/not to links or pages of other sites/);
      }
    }
    for (const headers of [SAME, { host: HOST, 'sec-fetch-site': 'none' }, { host: HOST }]) {
      const response = await asAdmin({ method: 'GET', url: `/trpc/${query('users.list')}`, headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(200);
    }
  });

  it('refuse the CSV download to another site and give it to Switchboard’s own pages', async () => {
    for (const url of ['/api/exports.csv', '/api/%65xports.csv?state=failed']) {
      for (const headers of [CROSS_SITE, FOREIGN_ORIGIN]) {
        const response = await asAdmin({ method: 'GET', url, headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.headers['content-disposition']).toBeUndefined();
      }
    }
    for (const headers of [SAME, { host: HOST, 'sec-fetch-site': 'none' }]) {
      const response = await asAdmin({ method: 'GET', url: '/api/exports.csv', headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
    }
  });

  it('leave everything outside the APIs reachable by links from anywhere', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz', headers: CROSS_SITE });
    expect(health.statusCode).toBe(200);
  });
});

describe('the intake API', () => {
  const post = (number: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2c/orders',
      headers: { authorization: `Bearer ${intakeToken}`, 'content-type': 'application/json', ...headers },
      payload: sampleOrder(number),
    });
  const stored = async (number: string) =>
    (await tdb.db.select().from(orderExports).where(eq(orderExports.shopOrderNumber, number))).length;

  it('takes an ICM server’s post, which carries no browser headers', async () => {
    const response = await post('XS-1');
    expect(response.statusCode, response.body).toBe(202);
    expect(await stored('XS-1')).toBe(1);
  });

  it('refuses a post that a browser says comes from another site, storing nothing', async () => {
    for (const [number, headers] of [
      ['XS-2', CROSS_SITE],
      ['XS-3', FOREIGN_ORIGIN],
    ] as const) {
      const response = await post(number, headers);
      expect(response.statusCode, response.body).toBe(403);
      expect(await stored(number)).toBe(0);
    }
  });
});
