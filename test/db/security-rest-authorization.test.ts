import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken, revokeToken } from '../../server/tokens/commands.ts';
import { ensureChannels, signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * Who may call which REST route, written out by hand: the intake only with an API token of the channel, the
 * CSV download only with a session whose role may read exports (and then only the channels in its scope),
 * /metrics only with its secret, the health checks for anyone. Every other credential is refused, and a
 * credential of one kind never works for a route of the other kind.
 */
const METRICS_SECRET = 'metrics-secret-0123456789abcdef';

type Credential =
  | 'none'
  | 'garbage-bearer'
  | 'revoked-token'
  | 'other-channel-token'
  | 'token'
  | 'two-channel-token'
  | 'metrics-secret'
  | 'garbage-session'
  | 'disabled-session'
  | 'expired-session'
  | 'admin-session'
  | 'channel_manager-session'
  | 'other-manager-session'
  | 'support-session';

const CREDENTIALS: Credential[] = [
  'none',
  'garbage-bearer',
  'revoked-token',
  'other-channel-token',
  'token',
  'two-channel-token',
  'metrics-secret',
  'garbage-session',
  'disabled-session',
  'expired-session',
  'admin-session',
  'channel_manager-session',
  'other-manager-session',
  'support-session',
];

const INTAKE_OK: Credential[] = ['token', 'two-channel-token'];
const CSV_OK: Credential[] = [
  'admin-session',
  'channel_manager-session',
  'other-manager-session',
  'support-session',
];

/** The expected status per route and credential; anything not listed for a route is its refusal status. */
const ROUTES: {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  allowed: Credential[];
  okStatus: number[];
  refused: (c: Credential) => number;
}[] = [
  {
    name: 'POST intake order',
    method: 'POST',
    url: '/api/v1/channels/b2c/orders',
    body: sampleOrder('AUTH-NEW'),
    allowed: INTAKE_OK,
    okStatus: [200, 202],
    refused: (c) => (c === 'other-channel-token' ? 403 : 401),
  },
  {
    name: 'GET intake order',
    method: 'GET',
    url: '/api/v1/channels/b2c/orders/AUTH-1',
    allowed: INTAKE_OK,
    okStatus: [200],
    refused: (c) => (c === 'other-channel-token' ? 403 : 401),
  },
  {
    name: 'POST intake approval',
    method: 'POST',
    url: '/api/v1/channels/b2c/orders/AUTH-1/approval',
    allowed: INTAKE_OK,
    okStatus: [200],
    refused: (c) => (c === 'other-channel-token' ? 403 : 401),
  },
  {
    name: 'GET exports.csv',
    method: 'GET',
    url: '/api/exports.csv',
    allowed: CSV_OK,
    okStatus: [200],
    refused: () => 401,
  },
  {
    name: 'GET metrics',
    method: 'GET',
    url: '/metrics',
    allowed: ['metrics-secret'],
    okStatus: [200],
    refused: () => 401,
  },
  {
    name: 'GET healthz',
    method: 'GET',
    url: '/healthz',
    allowed: CREDENTIALS,
    okStatus: [200],
    refused: () => 0,
  },
  {
    name: 'GET readyz',
    method: 'GET',
    url: '/readyz',
    allowed: CREDENTIALS,
    okStatus: [200],
    refused: () => 0,
  },
];

let tdb: TestDatabase;
let app: FastifyInstance;
const headersFor = new Map<Credential, Record<string, string>>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await ensureChannels(tdb.db, ['b2c', 'b2b', 'outlet']);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
  const token = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] });
  const both = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM 2', channels: ['b2b', 'b2c'] });
  const other = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM B2B', channels: ['b2b'] });
  const revoked = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'old', channels: ['b2c'] });
  await revokeToken(tdb.db, SYSTEM_ACTOR, revoked.record.id);
  const disabled = await signedInAs(tdb.db, 'admin');
  await tdb.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.user.id));
  const expired = await signedInAs(tdb.db, 'admin');
  await tdb.db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(sessions.userId, expired.user.id));
  headersFor.set('none', {});
  headersFor.set('garbage-bearer', bearer('sbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
  headersFor.set('revoked-token', bearer(revoked.token));
  headersFor.set('other-channel-token', bearer(other.token));
  headersFor.set('token', bearer(token.token));
  headersFor.set('two-channel-token', bearer(both.token));
  headersFor.set('metrics-secret', bearer(METRICS_SECRET));
  headersFor.set('garbage-session', cookie('not-a-session'));
  headersFor.set('disabled-session', cookie(disabled.token));
  headersFor.set('expired-session', cookie(expired.token));
  headersFor.set('admin-session', cookie((await signedInAs(tdb.db, 'admin')).token));
  headersFor.set(
    'channel_manager-session',
    cookie((await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] })).token),
  );
  headersFor.set(
    'other-manager-session',
    cookie((await signedInAs(tdb.db, 'channel_manager', { channels: ['outlet'] })).token),
  );
  headersFor.set('support-session', cookie((await signedInAs(tdb.db, 'support')).token));

  app = await buildApp({
    database: tdb,
    env: loadEnv({ SWITCHBOARD_METRICS: `token:${METRICS_SECRET}` }),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
  // Orders in b2c and b2b, so the scoped reads below have something to leak.
  for (const [channel, number, auth] of [
    ['b2c', 'AUTH-1', token.token],
    ['b2b', 'AUTH-B2B', other.token],
  ] as const) {
    const taken = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channel}/orders`,
      headers: { ...bearer(auth), 'content-type': 'application/json' },
      payload: sampleOrder(number),
    });
    expect(taken.statusCode).toBe(202);
  }
});
afterAll(async () => {
  await app.close();
  await tdb.close();
});

const call = (route: (typeof ROUTES)[number], credential: Credential) =>
  app.inject({
    method: route.method,
    url: route.url,
    headers: {
      ...headersFor.get(credential),
      ...(route.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(route.body ? { payload: JSON.stringify(route.body) } : {}),
  });

describe('REST authorization matrix', () => {
  for (const route of ROUTES) {
    for (const credential of CREDENTIALS) {
      const allowed = route.allowed.includes(credential);
      it(`${route.name}: ${credential} ${allowed ? 'allowed' : `refused (${route.refused(credential)})`}`, async () => {
        const response = await call(route, credential);
        if (allowed) expect(route.okStatus, response.body.slice(0, 200)).toContain(response.statusCode);
        else {
          expect(response.statusCode, response.body.slice(0, 200)).toBe(route.refused(credential));
          expect(response.body).not.toContain('AUTH-1');
        }
      });
    }
  }
});

describe('scope within an allowed credential', () => {
  it('a token reads only its channel’s orders, even when the order number exists elsewhere', async () => {
    const response = await app.inject({
      url: '/api/v1/channels/b2b/orders/AUTH-B2B',
      headers: headersFor.get('token'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('AUTH-B2B"');
    const approval = await app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2b/orders/AUTH-B2B/approval',
      headers: headersFor.get('token'),
    });
    expect(approval.statusCode).toBe(403);
  });

  it('the CSV holds only the channels a channel manager is assigned to', async () => {
    const own = await app.inject({
      url: '/api/exports.csv',
      headers: headersFor.get('channel_manager-session'),
    });
    expect(own.body).toContain('AUTH-1');
    expect(own.body).not.toContain('AUTH-B2B');
    const outlet = await app.inject({
      url: '/api/exports.csv',
      headers: headersFor.get('other-manager-session'),
    });
    expect(outlet.body).not.toContain('AUTH-1');
    expect(outlet.body).not.toContain('AUTH-B2B');
    // Asking for another channel by filter gives nothing either.
    const asked = await app.inject({
      url: '/api/exports.csv?channelId=b2b',
      headers: headersFor.get('channel_manager-session'),
    });
    expect(asked.statusCode).toBeLessThan(500);
    expect(asked.body).not.toContain('AUTH-B2B');
    const support = await app.inject({ url: '/api/exports.csv', headers: headersFor.get('support-session') });
    expect(support.body).toContain('AUTH-1');
    expect(support.body).toContain('AUTH-B2B');
  });

  it('an API token does not open the tRPC API, and a session does not open the intake', async () => {
    const trpc = await app.inject({
      url: '/trpc/exports.list?input=%7B%22json%22%3A%7B%7D%7D',
      headers: headersFor.get('token'),
    });
    expect(trpc.statusCode).toBe(401);
    const intake = await app.inject({
      url: '/api/v1/channels/b2c/orders/AUTH-1',
      headers: headersFor.get('admin-session'),
    });
    expect(intake.statusCode).toBe(401);
  });
});
