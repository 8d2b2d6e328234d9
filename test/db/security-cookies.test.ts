import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ACCOUNT } from '../../server/auth/rateLimit.ts';
import { resolveSession, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { signedInAs, TEST_PASSWORD, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The session cookie over real HTTP, beyond what http.test.ts checks on login: the attributes of every
 * Set-Cookie (login and logout), the Secure rule with and without a trusted proxy, and the login limit.
 */
let tdb: TestDatabase;
let direct: FastifyInstance;
let proxied: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const build = (trustProxy: boolean) =>
    buildApp({
      database: tdb,
      env: loadEnv(trustProxy ? { TRUST_PROXY: 'true' } : {}),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
    });
  direct = await build(false);
  proxied = await build(true);
  await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
  await signedInAs(tdb.db, 'admin', { email: 'limited@example.com' });
});
afterAll(async () => {
  await direct.close();
  await proxied.close();
  await tdb.close();
});

const trpcPost = (
  app: FastifyInstance,
  path: string,
  json: unknown,
  headers: Record<string, string> = {},
  cookie?: string,
) =>
  app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: cookie ? { [SESSION_COOKIE]: cookie } : {},
    payload: { json },
  });

const login = (app: FastifyInstance, headers: Record<string, string> = {}, email = 'sam@example.com') =>
  trpcPost(app, 'auth.login', { email, password: TEST_PASSWORD }, headers);

/** The raw Set-Cookie lines for the session cookie, attributes split and lower-cased. */
function sessionCookies(response: LightMyRequestResponse): Map<string, string>[] {
  const header = response.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return lines
    .filter((line) => line.startsWith(`${SESSION_COOKIE}=`))
    .map((line) => {
      const [pair = '', ...attributes] = line.split(/;\s*/);
      const map = new Map<string, string>([['value', pair.slice(SESSION_COOKIE.length + 1)]]);
      for (const a of attributes) {
        const [k = '', v = ''] = a.split('=');
        map.set(k.toLowerCase(), v);
      }
      return map;
    });
}

function expectSafeAttributes(cookie: Map<string, string> | undefined, secure: boolean) {
  expect(cookie).toBeDefined();
  expect(cookie?.has('httponly')).toBe(true);
  expect(['lax', 'strict']).toContain(cookie?.get('samesite')?.toLowerCase());
  expect(cookie?.get('path')).toBe('/');
  expect(cookie?.has('secure')).toBe(secure);
  expect(cookie?.has('domain')).toBe(false);
}

describe('session cookie', () => {
  it('is HttpOnly, SameSite, Path=/, host-only, expiring, and not Secure on plain http', async () => {
    const response = await login(direct);
    expect(response.statusCode).toBe(200);
    const [cookie] = sessionCookies(response);
    expectSafeAttributes(cookie, false);
    expect(cookie?.get('value')).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 256 bits
    const expires = Date.parse(cookie?.get('expires') ?? '');
    expect(expires).toBeGreaterThan(Date.now());
    // The token never comes back in the body.
    expect(response.body).not.toContain(cookie?.get('value'));
  });

  it('is Secure behind a trusted proxy that says https, and not when the proxy is not trusted', async () => {
    expectSafeAttributes(sessionCookies(await login(proxied, { 'x-forwarded-proto': 'https' }))[0], true);
    expectSafeAttributes(sessionCookies(await login(proxied, { 'x-forwarded-proto': 'http' }))[0], false);
    // Without TRUST_PROXY the header is anyone's to send: plain http stays plain.
    expectSafeAttributes(sessionCookies(await login(direct, { 'x-forwarded-proto': 'https' }))[0], false);
  });

  it('is cleared on logout with the same attributes, and the session no longer works', async () => {
    for (const [app, headers, secure] of [
      [direct, {}, false],
      [proxied, { 'x-forwarded-proto': 'https' }, true],
    ] as const) {
      const token = sessionCookies(await login(app, headers))[0]?.get('value') ?? '';
      expect(await resolveSession(tdb.db, token)).not.toBeNull();
      const out = await trpcPost(app, 'auth.logout', undefined, headers, token);
      expect(out.statusCode).toBe(200);
      const [cleared] = sessionCookies(out);
      expectSafeAttributes(cleared, secure);
      expect(cleared?.get('value')).toBe('');
      expect(Date.parse(cleared?.get('expires') ?? '')).toBeLessThanOrEqual(Date.now());
      expect(await resolveSession(tdb.db, token)).toBeNull();
      const after = await direct.inject({
        url: '/trpc/auth.me',
        cookies: { [SESSION_COOKIE]: token },
      });
      expect(
        after.json<{ result: { data: { json: { user: unknown } } } }>().result.data.json.user,
      ).toBeNull();
    }
  });

  it('is not set by a failed or refused login', async () => {
    const wrong = await trpcPost(direct, 'auth.login', { email: 'sam@example.com', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(sessionCookies(wrong)).toEqual([]);
  });
});

describe('login limit over HTTP', () => {
  it('answers 429 after too many failures, sets no cookie, and never reveals the password', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) {
      const failed = await trpcPost(direct, 'auth.login', {
        email: 'limited@example.com',
        password: `wrong password ${i}`,
      });
      expect(failed.statusCode).toBe(401);
    }
    const limited = await login(direct, {}, 'limited@example.com');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/Try again in \d+ s/);
    expect(sessionCookies(limited)).toEqual([]);
    expect(limited.body).not.toContain(TEST_PASSWORD);
  });
});
