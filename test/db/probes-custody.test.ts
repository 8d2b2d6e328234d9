import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, orderExports, probeRuns, serviceConfigs } from '../../drizzle/schema/index.ts';
import { closeIomStatusClients } from '../../server/exports/iomStatus.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { DIFFERENT_HOST, NOT_EDITABLE, STORED_PASSWORD_STAYS } from '../../server/secrets/custody.ts';
import { fetchIomLargest } from '../../server/sequence/iomLargest.ts';
import { signedInAs, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { startListener } from '../helpers/listener.ts';

/**
 * A stored IOM password goes only where it was saved, and only for those who may change its configuration.
 * A loopback listener stands in for a host a channel manager controls: it must never see a stored password.
 */
const STORED = 'Stored-IOM-pässword 9f1c';
const ORG_STORED = 'Organization-IOM-pässword 4e7a';

let tdb: TestDatabase;
let attacker: Awaited<ReturnType<typeof startListener>>;
let home: Awaited<ReturnType<typeof startListener>>;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await closeIomStatusClients();
  await tdb.close();
});
beforeEach(async () => {
  await tdb.reset();
  attacker = await startListener();
  home = await startListener();
});
afterEach(async () => {
  await attacker.close();
  await home.close();
});

async function setup() {
  const admin = await signedInAs(tdb.db, 'admin');
  await admin.caller.organizations.create({ id: 'inspired', name: 'inSPIRED' });
  await admin.caller.channels.create({
    id: 'b2c',
    name: 'B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
    organizationId: 'inspired',
  });
  const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
  const orgConfig = async (
    type: 'order-export' | 'order-history',
    sharingRule: 'unshared' | 'shared-active',
    endpoint: string,
  ) =>
    (
      await admin.caller.services.create({
        organizationId: 'inspired',
        type,
        sharingRule,
        active: true,
        endpoint,
        username: 'org_ws',
        password: ORG_STORED,
        timeoutMs: 3000,
      })
    ).service;
  const ownConfig = async (endpoint: string) =>
    (
      await cm.caller.services.create({
        channelId: 'b2c',
        type: 'order-export',
        active: true,
        endpoint,
        username: 'consumer_ws',
        password: STORED,
        timeoutMs: 3000,
      })
    ).service;
  return { admin, cm, orgConfig, ownConfig };
}

const form = (configId: string, endpoint: string) => ({
  channelId: 'b2c',
  type: 'order-export' as const,
  configId,
  endpoint,
  username: 'consumer_ws',
  timeoutMs: 3000,
});

describe('a stored password in the service form test', () => {
  it('is not sent to another host for an unshared organization configuration; the form says why', async () => {
    const { cm, orgConfig } = await setup();
    const config = await orgConfig('order-export', 'unshared', 'https://iom.example.com/rest/order-service');
    const result = await cm.caller.probes.testForm(form(config.id, `${attacker.url}/rest/order-service`));
    expect(attacker.received.length).toBeGreaterThan(0);
    expect(attacker.passwords()).toEqual([]);
    expect(attacker.received.map((r) => r.authorization ?? '').join()).not.toContain(
      Buffer.from(ORG_STORED).toString('base64'),
    );
    expect(result.notice).toBe(DIFFERENT_HOST);
    // The refusal is on record, without the password.
    const [entry] = await tdb.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'service.password_withheld'));
    expect(entry).toMatchObject({ actorEmail: cm.user.email, targetId: config.id, channelId: 'b2c' });
    expect(JSON.stringify(entry)).not.toContain(ORG_STORED);
  });

  it('is not used by a channel manager for an organization configuration, even at its own host', async () => {
    const { cm, orgConfig } = await setup();
    const config = await orgConfig('order-export', 'shared-active', `${attacker.url}/rest/order-service`);
    const result = await cm.caller.probes.testForm(form(config.id, `${attacker.url}/rest/order-service`));
    expect(attacker.received.length).toBeGreaterThan(0);
    expect(attacker.passwords()).toEqual([]);
    expect(result.notice).toBe(NOT_EDITABLE);
  });

  it.each([
    ['another port', (stored: string) => stored, () => `${attacker.url}/rest/order-service`],
    [
      'another host name',
      () => `http://localhost:${attacker.port}/rest/order-service`,
      () => `${attacker.url}/rest/order-service`,
    ],
    [
      'another scheme',
      () => `https://127.0.0.1:${attacker.port}/rest/order-service`,
      () => `${attacker.url}/rest/order-service`,
    ],
  ])("is not sent to %s than the channel's own configuration stores", async (_what, storedAt, testedAt) => {
    const { cm, ownConfig } = await setup();
    const config = await ownConfig(storedAt(`${home.url}/rest/order-service`));
    const result = await cm.caller.probes.testForm(form(config.id, testedAt()));
    expect(attacker.received.length).toBeGreaterThan(0);
    expect(attacker.passwords()).toEqual([]);
    expect(home.received).toEqual([]);
    expect(result.notice).toBe(DIFFERENT_HOST);
  });

  it('is used at the stored scheme, host and port by someone who may change the configuration', async () => {
    const { admin, cm, orgConfig, ownConfig } = await setup();
    const own = await ownConfig(`${attacker.url}/rest/order-service`);
    const result = await cm.caller.probes.testForm(
      form(own.id, `HTTP://127.0.0.1:${attacker.port}/other/path`),
    );
    expect(result.notice).toBeUndefined();
    expect(attacker.passwords()).toEqual(expect.arrayContaining([STORED]));
    // An admin may change organization configurations, so an unshared one's password is theirs to use.
    const org = await orgConfig('order-export', 'unshared', `${home.url}/rest/order-service`);
    const byAdmin = await admin.caller.probes.testForm(form(org.id, `${home.url}/rest/order-service`));
    expect(byAdmin.notice).toBeUndefined();
    expect(home.passwords()).toEqual(expect.arrayContaining([ORG_STORED]));
    expect(
      await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'service.password_withheld')),
    ).toEqual([]);
  });

  it('a typed password is sent as typed, wherever the form points', async () => {
    const { cm, ownConfig } = await setup();
    const own = await ownConfig(`${home.url}/rest/order-service`);
    const result = await cm.caller.probes.testForm({
      ...form(own.id, `${attacker.url}/rest/order-service`),
      password: 'typed now',
    });
    expect(result.notice).toBeUndefined();
    expect(attacker.passwords()).toEqual(expect.arrayContaining(['typed now']));
    expect(attacker.passwords()).not.toContain(STORED);
  });
});

describe('a stored password and a changed endpoint', () => {
  it('saving another host keeps no stored password: it must be typed again', async () => {
    const { cm, ownConfig } = await setup();
    const config = await ownConfig(`${home.url}/rest/order-service`);
    const before = await tdb.db.select().from(serviceConfigs);
    const refused = await rejection(
      cm.caller.services.update({
        id: config.id,
        version: config.version,
        endpoint: `${attacker.url}/rest/order-service`,
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.fieldErrors.password).toBe(STORED_PASSWORD_STAYS);
    expect(await tdb.db.select().from(serviceConfigs)).toEqual(before);
    await cm.caller.probes.testSaved({ configId: config.id });
    expect(attacker.received).toEqual([]);
    expect(home.passwords()).toContain(STORED);
    // Another path at the same host keeps it; a typed password moves with the endpoint.
    const samePlace = await cm.caller.services.update({
      id: config.id,
      version: config.version,
      endpoint: `${home.url}/other/order-service`,
    });
    const moved = await cm.caller.services.update({
      id: config.id,
      version: samePlace.service.version,
      endpoint: `${attacker.url}/rest/order-service`,
      password: 'typed for the new host',
    });
    expect(moved.service.passwordConfigured).toBe(true);
    await cm.caller.probes.testSaved({ configId: config.id });
    expect(attacker.passwords()).toEqual(expect.arrayContaining(['typed for the new host']));
    expect(attacker.passwords()).not.toContain(STORED);
  });
});

describe('a stored password used at its stored endpoint', () => {
  it("is not used for a test of an organization's unshared configuration by a channel manager", async () => {
    const { admin, cm, orgConfig } = await setup();
    const config = await orgConfig('order-export', 'unshared', `${attacker.url}/rest/order-service`);
    const refused = await rejection(cm.caller.probes.testSaved({ configId: config.id, channelId: 'b2c' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('not shared with channel b2c');
    expect(attacker.received).toEqual([]);
    expect(await tdb.db.select().from(probeRuns)).toEqual([]);
    await admin.caller.probes.testSaved({ configId: config.id, channelId: 'b2c' });
    expect(attacker.passwords()).toEqual(expect.arrayContaining([ORG_STORED]));
  });

  it("fetching IOM's largest order number asks only for someone who may use the channel's configuration", async () => {
    const { orgConfig } = await setup();
    await orgConfig('order-history', 'shared-active', `${attacker.url}/rest/order-service`);
    const outsider = await signedInAs(tdb.db, 'channel_manager', { channels: ['elsewhere'] });
    const services = { db: tdb.db, secrets: testSecrets, probeEnv: testProbeEnv };
    await expect(
      fetchIomLargest({ ...services, user: outsider.user }, { channelId: 'b2c' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('not assigned to channel b2c') as string,
    });
    expect(attacker.received).toEqual([]);
  });

  it("live IOM status asks IOM only for someone who sees the export's channel", async () => {
    const { cm, orgConfig } = await setup();
    await orgConfig('order-history', 'shared-active', `${attacker.url}/rest/order-service`);
    const [row] = await tdb.db
      .insert(orderExports)
      .values({
        channelId: 'b2c',
        shopOrderNumber: 'CUSTODY-1',
        payload: sampleOrder('CUSTODY-1'),
        payloadHash: 'test',
        state: 'exported',
        outcome: 'created',
        attempts: 1,
        exportedAt: new Date(),
      })
      .returning({ id: orderExports.id });
    const id = row?.id ?? '';
    const outsider = await signedInAs(tdb.db, 'channel_manager', { channels: ['elsewhere'] });
    expect((await rejection(outsider.caller.exports.iomStatus({ id }))).code).toBe('NOT_FOUND');
    expect(attacker.received).toEqual([]);
    // The channel's own manager reads it through the configuration the channel uses, where it was saved.
    expect((await cm.caller.exports.iomStatus({ id })).available).toBe(false);
    expect(attacker.passwords()).toEqual(expect.arrayContaining([ORG_STORED]));
  });
});
