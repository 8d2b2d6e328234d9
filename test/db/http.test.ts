import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/http/app.ts';
import { loadEnv } from '../../server/env.ts';
import { signedInAs, TEST_PASSWORD, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
let app: FastifyInstance;
let proxied: FastifyInstance;
const clientDir = mkdtempSync(path.join(tmpdir(), 'switchboard-client-'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  app = await buildApp({
    database: tdb,
    env: loadEnv({}),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
    clientDir,
  });
  proxied = await buildApp({
    database: tdb,
    env: loadEnv({ TRUST_PROXY: 'true' }),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
    clientDir: null,
  });
  await signedInAs(tdb.db, 'admin', { email: 'admin@example.com' });
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await tdb.close();
});

const login = (server: FastifyInstance, headers: Record<string, string> = {}) =>
  server.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json', ...headers },
    payload: { json: { email: 'admin@example.com', password: TEST_PASSWORD } },
  });

describe('HTTP server', () => {
  it('answers /healthz and /readyz with JSON', async () => {
    const health = await app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', database: tdb.kind });
  });

  it('sets an HttpOnly, SameSite session cookie on login, Secure behind https', async () => {
    const response = await login(app);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'switchboard_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const behindTls = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(behindTls.cookies.find((c) => c.name === 'switchboard_session')?.secure).toBe(true);
  });

  it('uses the cookie for later calls and refuses calls without it', async () => {
    const token = (await login(app)).cookies.find((c) => c.name === 'switchboard_session')?.value ?? '';
    const withCookie = await app.inject({
      url: '/trpc/users.list?input=%7B%22json%22%3A%7B%7D%7D',
      cookies: { switchboard_session: token },
    });
    expect(withCookie.statusCode).toBe(200);
    const without = await app.inject({ url: '/trpc/users.list?input=%7B%22json%22%3A%7B%7D%7D' });
    expect(without.statusCode).toBe(401);
  });

  it('answers bad input with 400 and field errors, never 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: { json: { email: 'nope', password: '' } },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{
      error: { json: { message: string; data: { fieldErrors: Record<string, string> } } };
    }>();
    expect(body.error.json.data.fieldErrors).toMatchObject({
      email: expect.stringContaining('valid email') as string,
    });
    const garbage = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(garbage.statusCode).toBe(400);
  });

  it('refuses writes from another site', async () => {
    const response = await login(app, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    const fetchSite = await login(app, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.statusCode).toBe(403);
  });

  it('tags every answer with a request id and security headers', async () => {
    const response = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
    const generated = await app.inject('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-content-type-options']).toBe('nosniff');
    expect(generated.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves the client for its routes and 404 JSON for unknown API paths', async () => {
    const page = await app.inject('/users/123');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Switchboard</title>');
    const api = await app.inject('/api/v1/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: expect.stringContaining('Nothing at') as string });
  });

  it('reports 503 from /readyz when the database is gone', async () => {
    const broken = await buildApp({
      database: { ...tdb, ping: () => Promise.reject(new Error('connection refused')) },
      env: loadEnv({}),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
    });
    const ready = await broken.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('connection refused') as string,
    });
    await broken.close();
  });
});
