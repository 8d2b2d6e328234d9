import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { rowsOf } from '../../server/db/migrate.ts';
import { loadEnv } from '../../server/env.ts';
import { ExportWorker } from '../../server/exports/worker.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { applyProvisioning } from '../../server/provisioning/apply.ts';
import { exportProvisioning } from '../../server/provisioning/export.ts';
import { renderPlan } from '../../server/provisioning/render.ts';
import { createUser } from '../../server/users/commands.ts';
import { capturedLog, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import {
  clientCertificate,
  FIXTURE_P12,
  FIXTURE_P12_PASSPHRASE,
  testCa,
} from '../helpers/clientCertificates.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { useSimulator } from '../helpers/simulator.ts';

/**
 * A realistic session of Switchboard — people with passwords, IOM credentials in service configurations,
 * an API token, a provisioning file with ${ENV} secrets, connectivity tests and exports against the IOM
 * simulator with Basic auth, failures included — with everything that leaves the server collected: every HTTP
 * answer (body and headers), every log line, every audit entry, what support reads about exports, the
 * provisioning output, and the database itself. No secret may appear in any of it, in plain, JSON-escaped,
 * URL-encoded or base64 (Basic auth) form. The one exception is where a secret must be shown: the API token
 * in the answer that creates it, and the session token in the Set-Cookie of a login.
 */
/** A client certificate whose key is encrypted: key, a line of it and its passphrase are secrets. */
const CLIENT_KEY_PASSPHRASE = 'Client-key pässphrase 4d2c';
const clientPem = await clientCertificate(await testCa(), { passphrase: CLIENT_KEY_PASSPHRASE });
const keyLines = clientPem.key.split('\n').filter((line) => /^[A-Za-z0-9+/]{64}$/.test(line));

const S = {
  clientKey: clientPem.key,
  clientKeyLine: keyLines[Math.floor(keyLines.length / 2)] ?? 'no key line',
  clientKeyPassphrase: CLIENT_KEY_PASSPHRASE,
  pkcs12: FIXTURE_P12,
  pkcs12Line: FIXTURE_P12.slice(200, 264),
  pkcs12Passphrase: FIXTURE_P12_PASSPHRASE,
  adminPassword: 'Admin pässword "one" /+= 11',
  wrongLoginPassword: 'Wrong login pässword /+= 12',
  userPassword: 'Support pässword &? = 13',
  userPassword2: 'Support new pässword %41 14',
  iomPassword: 'Iom-Pässwörd/+= "q" 7f3a',
  iomWrongPassword: 'Iom-wrong-pässwörd/+= 9e2b',
  formPassword: 'Form-only pässwörd ?& 5c1d',
  provisioningPassword: 'Provisioned pässwörd <> 3b8e',
  badProvisioningValue: 'Refused provisioned secret 77aa',
};
const IOM_USER = 'sb_user';

const sim = useSimulator({ users: [{ username: IOM_USER, password: S.iomPassword }] });
let tdb: TestDatabase;
let app: FastifyInstance;
let apiToken = '';
/** Everything collected, with where it came from. */
const seen: { where: string; text: string; exempt?: string[] }[] = [];
const sessionTokens: string[] = [];

function collect(where: string, response: LightMyRequestResponse, exempt: string[] = []) {
  const headers = { ...response.headers };
  // The session token is meant to be in a login's Set-Cookie, and nowhere else.
  if (/auth\.login/.test(where)) delete headers['set-cookie'];
  seen.push({ where, text: `${JSON.stringify(headers)}\n${response.body}`, exempt });
}

async function trpc(
  kind: 'query' | 'mutation',
  path: string,
  input: unknown,
  cookie: string | null,
): Promise<{ status: number; data: unknown }> {
  const payload = superjson.serialize(input);
  const response = await app.inject({
    method: kind === 'query' ? 'GET' : 'POST',
    url:
      kind === 'query'
        ? `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(payload))}`
        : `/trpc/${path}`,
    headers: {
      ...(cookie ? { cookie: `switchboard_session=${cookie}` } : {}),
      ...(kind === 'mutation' ? { 'content-type': 'application/json' } : {}),
    },
    ...(kind === 'mutation' ? { payload: JSON.stringify(payload) } : {}),
  });
  const body = response.json<{ result?: { data: { json: unknown; meta?: never } } }>();
  const data = body.result ? superjson.deserialize(body.result.data as never) : body;
  collect(`trpc ${path}`, response, path === 'tokens.create' ? [apiTokenOf(data)] : []);
  return { status: response.statusCode, data };
}
const apiTokenOf = (data: unknown) => {
  apiToken = (data as { token?: string }).token ?? apiToken;
  return apiToken;
};

async function login(email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json' },
    payload: { json: { email, password } },
  });
  collect('trpc auth.login', response);
  const token = response.cookies.find((c) => c.name === 'switchboard_session')?.value ?? '';
  if (token) sessionTokens.push(token);
  return token;
}

async function intake(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${apiToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  collect(`${method} ${url}`, response);
  return response;
}

/** Each secret in every form it could take on the way out. */
function formsOf(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(`${IOM_USER}:${secret}`, 'utf8').toString('base64'),
  ]);
  return [...forms];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp({
    database: tdb,
    env: loadEnv({ SWITCHBOARD_METRICS: 'on' }),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
  await createUser(tdb.db, SYSTEM_ACTOR, {
    email: 'admin@example.com',
    name: 'Admin',
    role: 'admin',
    channels: [],
    password: S.adminPassword,
  });

  // People: a failed login, logins, a new user, a password change.
  expect(await login('admin@example.com', S.wrongLoginPassword)).toBe('');
  const admin = await login('admin@example.com', S.adminPassword);
  expect(admin).not.toBe('');
  const created = await trpc(
    'mutation',
    'users.create',
    { email: 'support@example.com', name: 'Sam', role: 'support', password: S.userPassword },
    admin,
  );
  expect(created.status).toBe(200);
  await trpc(
    'mutation',
    'users.create',
    { email: 'bad@example.com', name: 'Bad', role: 'support', password: 'short' },
    admin,
  );
  let support = await login('support@example.com', S.userPassword);
  await trpc(
    'mutation',
    'auth.changePassword',
    { currentPassword: S.wrongLoginPassword, newPassword: S.userPassword2 },
    support,
  );
  await trpc(
    'mutation',
    'auth.changePassword',
    { currentPassword: S.userPassword, newPassword: S.userPassword2 },
    support,
  );
  support = await login('support@example.com', S.userPassword2);

  // Channels and their IOM credentials: one right, one wrong.
  const configs: string[] = [];
  for (const [id, password] of [
    ['b2c', S.iomPassword],
    ['b2b', S.iomWrongPassword],
  ] as const) {
    await trpc(
      'mutation',
      'channels.create',
      { id, name: `Channel ${id}`, iomShopId: '10000', iomShopName: 'inTRONICS' },
      admin,
    );
    const service = await trpc(
      'mutation',
      'services.create',
      {
        channelId: id,
        type: 'order-export',
        endpoint: sim().endpoints.orderService,
        username: IOM_USER,
        password,
        active: true,
        timeoutMs: 3000,
        settings: {
          exportTrigger: 'on-order-creation',
          maxAttempts: 2,
          retryInitialDelaySeconds: 1,
          escalationThreshold: 2,
        },
      },
      admin,
    );
    expect(service.status, JSON.stringify(service.data)).toBe(200);
    configs.push((service.data as { service: { id: string } }).service.id);
  }
  // A password replaced, then set back: the audit says "changed", nothing more.
  const [b2cConfig = '', b2bConfig = ''] = configs;
  const current = (await trpc('query', 'services.get', { id: b2cConfig }, admin)).data as { version: number };
  for (const [version, password] of [
    [current.version, S.formPassword],
    [current.version + 1, S.iomPassword],
  ] as const) {
    const updated = await trpc('mutation', 'services.update', { id: b2cConfig, version, password }, admin);
    expect(updated.status, JSON.stringify(updated.data)).toBe(200);
  }

  // A client certificate (PEM, encrypted key) set, refused with a wrong passphrase, replaced by a PKCS#12.
  const certificateVersion = (
    (await trpc('query', 'services.get', { id: b2cConfig }, admin)).data as { version: number }
  ).version;
  const pemSet = await trpc(
    'mutation',
    'services.update',
    {
      id: b2cConfig,
      version: certificateVersion,
      clientCertificate: {
        certificate: clientPem.cert,
        key: clientPem.key,
        passphrase: S.clientKeyPassphrase,
      },
    },
    admin,
  );
  expect(pemSet.status, JSON.stringify(pemSet.data)).toBe(200);
  const wrongPassphrase = await trpc(
    'mutation',
    'services.update',
    {
      id: b2cConfig,
      version: certificateVersion + 1,
      clientCertificate: { pkcs12: S.pkcs12, passphrase: `${S.pkcs12Passphrase}-wrong` },
    },
    admin,
  );
  expect(wrongPassphrase.status).toBe(400);
  const p12Set = await trpc(
    'mutation',
    'services.update',
    {
      id: b2cConfig,
      version: certificateVersion + 1,
      clientCertificate: { pkcs12: S.pkcs12, passphrase: S.pkcs12Passphrase },
    },
    admin,
  );
  expect(p12Set.status, JSON.stringify(p12Set.data)).toBe(200);

  // Connectivity tests: saved (right and wrong password) and an unsaved form.
  const ok = await trpc('mutation', 'probes.testSaved', { configId: b2cConfig }, admin);
  expect((ok.data as { outcome: string }).outcome, JSON.stringify(ok.data)).toBe('ok');
  const refused = await trpc('mutation', 'probes.testSaved', { configId: b2bConfig }, admin);
  expect((refused.data as { outcome: string }).outcome).toBe('auth_failed');
  await trpc(
    'mutation',
    'probes.testForm',
    {
      channelId: 'b2c',
      type: 'order-history',
      endpoint: sim().endpoints.orderService,
      username: IOM_USER,
      password: S.formPassword,
    },
    admin,
  );
  await trpc(
    'mutation',
    'probes.testForm',
    {
      channelId: 'b2c',
      type: 'order-export',
      endpoint: sim().endpoints.orderService,
      username: IOM_USER,
      password: S.formPassword,
      clientCertificate: {
        certificate: clientPem.cert,
        key: clientPem.key,
        passphrase: S.clientKeyPassphrase,
      },
    },
    admin,
  );

  // Orders from ICM, exported against the simulator: one succeeds, one fails on IOM's 401.
  const token = await trpc('mutation', 'tokens.create', { name: 'ICM', channels: ['b2c', 'b2b'] }, admin);
  expect(token.status).toBe(200);
  for (const channel of ['b2c', 'b2b'])
    expect(
      (await intake('POST', `/api/v1/channels/${channel}/orders`, sampleOrder('SEC-1'))).statusCode,
    ).toBe(202);
  const worker = new ExportWorker({
    db: tdb.db,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
    logger: testLogger,
    concurrency: 2,
    random: () => 0.5,
  });
  for (let i = 0; i < 3; i += 1) await worker.runOnce();
  await worker.stop(1000);
  const states = [];
  for (const channel of ['b2c', 'b2b'])
    states.push(
      (await intake('GET', `/api/v1/channels/${channel}/orders/SEC-1`)).json<{ attempts: number }>(),
    );
  expect(states).toMatchObject([
    { state: 'exported', outcome: 'created' },
    { outcome: expect.stringMatching(/_error$/) as string, attempts: 1 },
  ]);

  // Support reads every export, its attempts, its timeline and IOM's live status; admins read the audit.
  const list = await trpc('query', 'exports.list', {}, support);
  const rows = (list.data as { data?: { id: string }[] }).data ?? [];
  expect(rows.length).toBe(2);
  for (const { id } of rows) {
    for (const [path, input] of [
      ['exports.get', { id }],
      ['exports.attempts', { exportId: id }],
      ['exports.timeline', { exportId: id }],
      ['exports.iomStatus', { id }],
    ] as const)
      expect((await trpc('query', path, input, support)).status, path).toBe(200);
  }
  expect((await trpc('mutation', 'sequence.fetchIomLargest', { channelId: 'b2c' }, admin)).status).toBe(200);
  for (const path of ['services.list', 'probes.grid', 'audit.list', 'tokens.list', 'users.list'])
    await trpc('query', path, {}, admin);
  for (const id of configs) {
    await trpc('query', 'services.get', { id }, support);
    await trpc('query', 'probes.history', { configId: id }, support);
  }
  await trpc('query', 'channels.history', { id: 'b2c' }, support);
  const csv = await app.inject({ url: '/api/exports.csv', cookies: { switchboard_session: support } });
  collect('exports.csv', csv);
  collect('metrics', await app.inject('/metrics'));

  // Provisioning with ${ENV} secrets: dry run, apply, a refused file, the export.
  const file = (password: string, timeout = '3000') => `
channels:
  - id: prov
    name: Provisioned
    iomShopId: 10000
    iomShopName: inTRONICS
    services:
      - type: order-export
        endpoint: ${sim().endpoints.orderService}
        username: ${IOM_USER}
        password: ${password}
        active: true
        timeoutMs: ${timeout}
        clientCertificate:
          pkcs12: \${P12}
          passphrase: \${P12_PASS}
`;
  const env = {
    PROV_PASSWORD: S.provisioningPassword,
    BAD: S.badProvisioningValue,
    P12: S.pkcs12,
    P12_PASS: S.pkcs12Passphrase,
  };
  const outputs: string[] = [];
  outputs.push(
    renderPlan(await applyProvisioning(tdb.db, testSecrets, file('${PROV_PASSWORD}'), { env, dryRun: true })),
  );
  outputs.push(renderPlan(await applyProvisioning(tdb.db, testSecrets, file('${PROV_PASSWORD}'), { env })));
  for (const refusedFile of [
    file('${PROV_PASSWORD}', '${BAD}'),
    file('[${BAD}]'),
    `${file('x')}\n  bogus: \${BAD}`,
  ])
    await applyProvisioning(tdb.db, testSecrets, refusedFile, { env }).catch((error: Error) =>
      outputs.push(`${error.message}\n${JSON.stringify(error)}`),
    );
  outputs.push(await exportProvisioning(tdb.db));
  seen.push({ where: 'provisioning output', text: outputs.join('\n') });
  expect(outputs.length).toBe(6);

  // What is stored: the audit log as such, and every table.
  seen.push({
    where: 'audit_events',
    text: JSON.stringify(await tdb.db.select().from(auditEvents), (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
  });
  const tables = rowsOf<{ tablename: string }>(
    await tdb.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  );
  for (const { tablename } of tables) {
    const rowsText = rowsOf<{ t: string }>(
      await tdb.db.execute(
        sql.raw(`select coalesce(string_agg(to_jsonb(x)::text, E'\\n'), '') as t from "${tablename}" x`),
      ),
    );
    seen.push({ where: `table ${tablename}`, text: rowsText[0]?.t ?? '' });
  }
}, 60_000);

afterAll(async () => {
  await app.close();
  await tdb.close();
});

describe('secrets across everything the server says, logs and stores', () => {
  it('collected a realistic amount of output', () => {
    expect(seen.length).toBeGreaterThan(40);
    expect(capturedLog.length).toBeGreaterThan(20);
    expect(apiToken).toMatch(/^sbt_/);
    expect(sessionTokens.length).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.entries(S))('%s appears nowhere', (_name, secret) => {
    const haystacks = [...seen, { where: 'log', text: capturedLog.join('') }];
    for (const form of formsOf(secret)) {
      for (const { where, text } of haystacks) {
        expect(text.includes(form), `${where} holds a form of the secret (${form})`).toBe(false);
      }
    }
  });

  it('the API token appears only in the answer that creates it', () => {
    const holders = seen.filter((s) => s.text.includes(apiToken)).map((s) => s.where);
    expect(holders).toEqual(['trpc tokens.create']);
    expect(capturedLog.join('').includes(apiToken)).toBe(false);
  });

  it('session tokens appear in no answer body, log line or table', () => {
    const haystacks = [...seen, { where: 'log', text: capturedLog.join('') }];
    for (const token of sessionTokens)
      for (const { where, text } of haystacks) expect(text.includes(token), where).toBe(false);
  });
});
