import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, loginFailures } from '../../drizzle/schema/index.ts';
import { MAX_FAILURES_PER_ADDRESS } from '../../server/auth/rateLimit.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { signedInAs, TEST_PASSWORD, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * Behind a proxy that appends to X-Forwarded-For, whatever the client wrote there comes first: the address
 * the login limit counts and the audit log records must be the one the trusted proxy appended.
 */
let tdb: TestDatabase;
const apps = new Map<string, FastifyInstance>();
const SPOOFED = '6.6.6.6, 10.0.0.5'; // the client (10.0.0.5) claims to be 6.6.6.6; the proxy appended 10.0.0.5

beforeAll(async () => {
  tdb = await createTestDatabase();
  for (const setting of ['1', '127.0.0.0/8,::1', 'true'])
    apps.set(
      setting,
      await buildApp({
        database: tdb,
        env: loadEnv({ TRUST_PROXY: setting }),
        logger: testLogger,
        secrets: testSecrets,
        probeEnv: testProbeEnv,
      }),
    );
});
afterAll(async () => {
  for (const app of apps.values()) await app.close();
  await tdb.close();
});
beforeEach(async () => {
  await tdb.reset();
  await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
});

/** A failed login as the proxy at 127.0.0.1 (or `peer`) forwards it. */
const failedLogin = (setting: string, forwardedFor: string, email = 'sam@example.com', peer = '127.0.0.1') =>
  apps.get(setting)?.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    remoteAddress: peer,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    payload: { json: { email, password: 'a wrong password' } },
  });

async function recordedAddresses() {
  const audit = await tdb.db
    .select({ ip: auditEvents.ip })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'auth.login_failed'));
  const counted = await tdb.db.select({ ip: loginFailures.ip }).from(loginFailures);
  return { audit: audit.map((a) => a.ip), counted: counted.map((c) => c.ip) };
}

describe('TRUST_PROXY', () => {
  it.each(['1', '127.0.0.0/8,::1'])(
    '=%s records the address the trusted proxy appended, not the one the client wrote',
    async (setting) => {
      expect((await failedLogin(setting, SPOOFED))?.statusCode).toBe(401);
      expect(await recordedAddresses()).toEqual({ audit: ['10.0.0.5'], counted: ['10.0.0.5'] });
    },
  );

  it('with a list, believes no header from a peer that is not a listed proxy', async () => {
    await failedLogin('127.0.0.0/8,::1', SPOOFED, 'sam@example.com', '192.0.2.7');
    expect(await recordedAddresses()).toEqual({ audit: ['192.0.2.7'], counted: ['192.0.2.7'] });
  });

  it('=1 keeps a client that varies the spoofed address within its address limit', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i += 1)
      expect((await failedLogin('1', `6.6.6.${i}, 10.0.0.5`, `u${i}@example.com`))?.statusCode).toBe(401);
    const limited = await apps.get('1')?.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '7.7.7.7, 10.0.0.5' },
      payload: { json: { email: 'sam@example.com', password: TEST_PASSWORD } },
    });
    expect(limited?.statusCode).toBe(429);
  });

  it('=true takes the first address: only for a proxy that overwrites the header (see README)', async () => {
    await failedLogin('true', '10.0.0.5');
    expect((await recordedAddresses()).audit).toEqual(['10.0.0.5']);
  });
});
