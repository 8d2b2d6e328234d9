import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { ensureChannels, signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The headers every answer carries (Permissions-Policy, Cross-Origin-Opener-Policy), the ones that depend on the
 * answer (no-store on the APIs, errors included) and on the connection (HSTS only over https, which behind a
 * proxy only a trusted proxy can vouch for).
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let proxied: FastifyInstance;
let session: string;
let intakeToken: string;
const clientDir = mkdtempSync(path.join(tmpdir(), 'switchboard-client-'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  const build = (env: Record<string, string>) =>
    buildApp({
      database: tdb,
      env: loadEnv(env),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
      clientDir,
    });
  app = await build({});
  proxied = await build({ TRUST_PROXY: 'true' });
  session = (await signedInAs(tdb.db, 'admin')).token;
  await ensureChannels(tdb.db, ['b2c']);
  intakeToken = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] })).token;
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await tdb.close();
});

const HSTS = 'max-age=31536000; includeSubDomains';
const listQuery = `?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;

/** A request of each kind the server answers: pages, health, tRPC and REST, successes and errors. */
const ANSWERS: [string, InjectOptions & { url: string }][] = [
  ['the client', { url: '/' }],
  ['a client route', { url: '/users/123' }],
  ['a missing asset', { url: '/missing.js' }],
  ['health', { url: '/healthz' }],
  ['metrics', { url: '/metrics' }],
  ['a tRPC query', { url: `/trpc/users.list${listQuery}`, cookies: { [SESSION_COOKIE]: 'session' } }],
  ['a tRPC query without a session', { url: `/trpc/users.list${listQuery}` }],
  [
    'an encoded tRPC path',
    { url: `/%74rpc/users.list${listQuery}`, cookies: { [SESSION_COOKIE]: 'session' } },
  ],
  [
    'a tRPC write with bad input',
    { method: 'POST', url: '/trpc/auth.login', payload: { json: { email: 'no' } } },
  ],
  ['an unknown procedure', { url: '/trpc/nothing.here' }],
  [
    'a cross-site refusal',
    { method: 'POST', url: '/trpc/auth.logout', headers: { origin: 'https://evil.example' } },
  ],
  ['the CSV download', { url: '/api/exports.csv', cookies: { [SESSION_COOKIE]: 'session' } }],
  ['the CSV download without a session', { url: '/api/exports.csv' }],
  [
    'an intake post',
    { method: 'POST', url: '/api/v1/channels/b2c/orders', headers: { authorization: 'token' } },
  ],
  ['an intake read', { url: '/api/v1/channels/b2c/orders/H-1', headers: { authorization: 'token' } }],
  ['an intake post without a token', { method: 'POST', url: '/api/v1/channels/b2c/orders', payload: {} }],
  ['an unknown API path', { url: '/api/v2/nothing' }],
];
const isApi = (options: InjectOptions & { url: string }) => /^\/(trpc|%74rpc|api)\//.test(options.url);

/** The request with the real session and token filled in. */
function real(options: InjectOptions & { url: string }): InjectOptions & { url: string } {
  const headers = { ...(options.headers as Record<string, string> | undefined) };
  if (headers.authorization) headers.authorization = `Bearer ${intakeToken}`;
  const post = options.method === 'POST' && options.url.startsWith('/api/v1/') && headers.authorization;
  return {
    ...options,
    headers,
    ...(options.cookies ? { cookies: { [SESSION_COOKIE]: session } } : {}),
    ...(post ? { payload: sampleOrder(`H-${Math.random().toString(36).slice(2, 8)}`) } : {}),
  };
}

const send = (server: FastifyInstance, options: InjectOptions & { url: string }, extra = {}) => {
  const given = real(options);
  return server.inject({ ...given, headers: { ...(given.headers as object), ...extra } });
};

describe('headers on every answer', () => {
  it.each(ANSWERS)('%s carries Permissions-Policy and Cross-Origin-Opener-Policy', async (_what, options) => {
    const response = await send(app, options);
    expect(response.headers['permissions-policy']).toMatch(/(^|, )camera=\(\)/);
    for (const feature of ['microphone', 'geolocation', 'payment', 'usb'])
      expect(response.headers['permissions-policy']).toContain(`${feature}=()`);
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the requests reach what they are meant to: successes and refusals alike', async () => {
    const status = async (what: string) => {
      const found = ANSWERS.find(([name]) => name === what);
      if (!found) throw new Error(what);
      return (await send(app, found[1])).statusCode;
    };
    expect(await status('a tRPC query')).toBe(200);
    expect(await status('an encoded tRPC path')).toBe(200);
    expect(await status('the CSV download')).toBe(200);
    expect(await status('an intake post')).toBe(202);
    expect(await status('a tRPC query without a session')).toBe(401);
    expect(await status('a cross-site refusal')).toBe(403);
  });
});

describe('Cache-Control: no-store', () => {
  it.each(ANSWERS.filter(([, options]) => isApi(options)))('on %s', async (_what, options) => {
    const response = await send(app, options);
    expect(response.headers['cache-control'], `${response.statusCode} ${response.body.slice(0, 200)}`).toBe(
      'no-store',
    );
  });

  it('not on the client, which has its own caching', async () => {
    for (const url of ['/', '/users/123'])
      expect((await app.inject(url)).headers['cache-control'], url).not.toContain('no-store');
  });
});

describe('Strict-Transport-Security', () => {
  const expectHsts = (response: LightMyRequestResponse, expected: string | undefined) =>
    expect(response.headers['strict-transport-security'], response.body.slice(0, 200)).toBe(expected);

  it.each(ANSWERS)(
    'is sent on %s when a trusted proxy says the request came over https',
    async (_what, options) => {
      expectHsts(await send(proxied, options, { 'x-forwarded-proto': 'https' }), HSTS);
    },
  );

  it('is never sent over plain http, nor when an untrusted client claims https', async () => {
    for (const [, options] of ANSWERS) {
      expectHsts(await send(proxied, options), undefined);
      expectHsts(await send(proxied, options, { 'x-forwarded-proto': 'http' }), undefined);
      expectHsts(await send(app, options), undefined);
      expectHsts(await send(app, options, { 'x-forwarded-proto': 'https' }), undefined);
    }
  });
});
