import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  channelServiceActivations,
  DEFAULT_ORGANIZATION_ID,
  orderExports,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../../server/auth/sessions.ts';
import type { Db } from '../../server/db/client.ts';
import { closeIomStatusClients, type IomStatus } from '../../server/exports/iomStatus.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { probeEnvironmentFrom } from '../../server/probes/environment.ts';
import { callerFor, ensureChannels, signedInAs, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await closeIomStatusClients();
  await tdb.close();
});

const SHOP = 10000;
const STATES_PATH = `/rest/order-service/shops/${SHOP}/order-states`;
const stateReads = () => sim().counts.byPath[STATES_PATH] ?? 0;

let support: { user: SessionUser; caller: ReturnType<typeof callerFor> };
beforeEach(async () => {
  await tdb.reset();
  sim().reset();
  sim().setFaults({});
  await ensureChannels(tdb.db, ['b2c', 'b2b']); // b2c is on shop 10000, b2b on 10001
  support = await signedInAs(tdb.db, 'support');
});

interface HistoryOptions {
  channelId?: string | null;
  organizationId?: string;
  sharingRule?: 'shared-active';
  active?: boolean;
  cacheTtlSeconds?: number;
  timeoutMs?: number;
  endpoint?: string;
  password?: string;
}

/** An order-history configuration (the channel's own, or an organization's), with its password encrypted. */
async function historyConfig(db: Db, options: HistoryOptions = {}): Promise<string> {
  const id = randomUUID();
  await db.insert(serviceConfigs).values({
    id,
    channelId: options.organizationId ? null : (options.channelId ?? 'b2c'),
    organizationId: options.organizationId ?? null,
    sharingRule: options.sharingRule ?? null,
    type: 'order-history',
    active: options.active ?? true,
    endpoint: options.endpoint ?? sim().endpoints.orderService,
    username: 'consumer_ws',
    passwordEncrypted: testSecrets.encrypt(options.password ?? 'consumer_ws', `service-config:${id}`),
    timeoutMs: options.timeoutMs ?? 5000,
    settings: options.cacheTtlSeconds === undefined ? {} : { cacheTtlSeconds: options.cacheTtlSeconds },
    updatedBy: 'test',
  });
  return id;
}

/** An export in `state`; when exported, the simulator has the order too. */
async function anExport(
  db: Db,
  number: string,
  options: { state?: 'exported' | 'failed' | 'resolved'; channelId?: string; inIom?: boolean } = {},
): Promise<string> {
  const state = options.state ?? 'exported';
  const [row] = await db
    .insert(orderExports)
    .values({
      channelId: options.channelId ?? 'b2c',
      shopOrderNumber: number,
      payload: sampleOrder(number),
      payloadHash: 'test',
      state,
      outcome: state === 'exported' ? 'created' : 'validation_error',
      attempts: 1,
      exportedAt: state === 'exported' ? new Date() : null,
    })
    .returning({ id: orderExports.id });
  if (state === 'exported' && options.inIom !== false) {
    const answer = await postOrder(sim(), SHOP, sampleOrder(number));
    expect(answer.status).toBe(201);
  }
  return row!.id;
}

/** Through the simulator's control API, as a test against a real IOM would have an operator do. */
async function setIomState(number: string, state: string): Promise<void> {
  const answer = await fetch(`${sim().endpoints.control}/shops/${SHOP}/orders/${number}/state`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(answer.status).toBe(200);
}

/** The reason of an unavailable status (fails the test when IOM's state was available). */
async function reasonOf(status: Promise<IomStatus>): Promise<string> {
  const answer = await status;
  if (answer.available) throw new Error(`expected no IOM state, got ${answer.iomState}`);
  return answer.reason;
}

describe('exports.iomStatus', () => {
  it("reads IOM's state through the order-history service and names it as ICM does", async () => {
    await historyConfig(tdb.db, { cacheTtlSeconds: 0 });
    const id = await anExport(tdb.db, 'IOM-1');
    const before = Date.now();
    await setIomState('IOM-1', 'DISPATCHED');
    const dispatched = await support.caller.exports.iomStatus({ id });
    expect(dispatched).toMatchObject({
      available: true,
      iomState: 'DISPATCHED',
      icmName: 'shipped',
      inMapping: true,
      known: true,
      cached: false,
      cacheTtlSeconds: 0,
    });
    if (!dispatched.available) throw new Error('unavailable');
    expect(dispatched.fetchedAt.getTime()).toBeGreaterThanOrEqual(before);

    // Intershop's mapping calls COMMISSIONED "transmitted"; the state arrives as STATE_COMMISSIONED.
    await setIomState('IOM-1', 'STATE_COMMISSIONED');
    expect(await support.caller.exports.iomStatus({ id })).toMatchObject({
      iomState: 'COMMISSIONED',
      icmName: 'transmitted',
      inMapping: true,
    });
    // TTL 0: every read asks IOM.
    expect(stateReads()).toBe(2);
  });

  it('answers from the cache within the TTL without asking IOM, per configuration version', async () => {
    const configId = await historyConfig(tdb.db, { cacheTtlSeconds: 60 });
    const id = await anExport(tdb.db, 'IOM-2');
    await setIomState('IOM-2', 'COMMISSIONED');
    const first = await support.caller.exports.iomStatus({ id });
    expect(first).toMatchObject({
      available: true,
      iomState: 'COMMISSIONED',
      cached: false,
      cacheTtlSeconds: 60,
    });
    expect(stateReads()).toBe(1);

    await setIomState('IOM-2', 'DISPATCHED');
    const second = await support.caller.exports.iomStatus({ id });
    expect(second).toMatchObject({ available: true, iomState: 'COMMISSIONED', cached: true });
    if (!first.available || !second.available) throw new Error('unavailable');
    expect(second.fetchedAt).toEqual(first.fetchedAt);
    expect(stateReads()).toBe(1);

    // A changed configuration (new version) does not answer from what the old one read.
    await tdb.db.update(serviceConfigs).set({ version: 2 }).where(eq(serviceConfigs.id, configId));
    expect(await support.caller.exports.iomStatus({ id })).toMatchObject({
      iomState: 'DISPATCHED',
      cached: false,
    });
    expect(stateReads()).toBe(2);
  });

  it('uses the default cache TTL of the service type when the settings leave it out', async () => {
    await historyConfig(tdb.db);
    const id = await anExport(tdb.db, 'IOM-3');
    await support.caller.exports.iomStatus({ id });
    expect(await support.caller.exports.iomStatus({ id })).toMatchObject({
      cached: true,
      cacheTtlSeconds: 5,
    });
    expect(stateReads()).toBe(1);
  });

  it("reads through an organization's shared configuration, with the channel's shop", async () => {
    await historyConfig(tdb.db, { organizationId: DEFAULT_ORGANIZATION_ID, sharingRule: 'shared-active' });
    const id = await anExport(tdb.db, 'IOM-4');
    await setIomState('IOM-4', 'RETURNED');
    expect(await support.caller.exports.iomStatus({ id })).toMatchObject({
      available: true,
      iomState: 'RETURNED',
      icmName: 'returned',
    });
  });

  it('tells when there is nothing to ask: not exported yet, no active order-history service', async () => {
    const failed = await anExport(tdb.db, 'IOM-5', { state: 'failed' });
    const exported = await anExport(tdb.db, 'IOM-6');
    expect(await reasonOf(support.caller.exports.iomStatus({ id: exported }))).toMatch(
      /No active Order History service for channel b2c/,
    );
    await historyConfig(tdb.db, { active: false });
    expect(await reasonOf(support.caller.exports.iomStatus({ id: exported }))).toMatch(
      /No active Order History service/,
    );
    expect(await reasonOf(support.caller.exports.iomStatus({ id: failed }))).toMatch(
      /^Not exported yet: the export is failed/,
    );
    const resolved = await anExport(tdb.db, 'IOM-5R', { state: 'resolved' });
    expect(await reasonOf(support.caller.exports.iomStatus({ id: resolved }))).toMatch(
      /^Not exported by Switchboard: the export was marked resolved/,
    );

    // An organization's configuration the channel switched off is not used either.
    await tdb.db.delete(serviceConfigs).where(eq(serviceConfigs.type, 'order-history'));
    const orgConfig = await historyConfig(tdb.db, {
      organizationId: DEFAULT_ORGANIZATION_ID,
      sharingRule: 'shared-active',
    });
    await tdb.db
      .insert(channelServiceActivations)
      .values({ channelId: 'b2c', configId: orgConfig, active: false, updatedBy: 'test' });
    expect(await support.caller.exports.iomStatus({ id: exported })).toMatchObject({ available: false });
    expect(stateReads()).toBe(0);
  });

  it('tells when IOM does not know the order', async () => {
    await historyConfig(tdb.db);
    const id = await anExport(tdb.db, 'IOM-7', { inIom: false });
    expect(await support.caller.exports.iomStatus({ id })).toEqual({
      available: false,
      reason: 'IOM does not know order IOM-7 in shop 10000.',
    });
  });

  it('says which way IOM failed, and caches none of it', async () => {
    await historyConfig(tdb.db, { cacheTtlSeconds: 60, timeoutMs: 400 });
    const id = await anExport(tdb.db, 'IOM-8');
    const reason = () => reasonOf(support.caller.exports.iomStatus({ id }));
    sim().setFaults({ errorEveryNth: 1 });
    expect(await reason()).toMatch(/^IOM has a server error \(500\)/);
    sim().setFaults({ unauthorized: true });
    expect(await reason()).toMatch(/^IOM refused the credentials \(401\)/);
    sim().setFaults({ garbageHtml: true });
    expect(await reason()).toMatch(/^IOM's answer could not be read \(an HTML page/);
    sim().setFaults({ hangEveryNth: 1 });
    expect(await reason()).toBe('IOM did not answer within 400 ms (timeout).');
    sim().setFaults({});
    expect(await support.caller.exports.iomStatus({ id })).toMatchObject({ available: true, cached: false });
  });

  it('tells when IOM is unreachable, or the password wrong', async () => {
    await historyConfig(tdb.db, { endpoint: 'http://127.0.0.1:9/rest/order-service' });
    const id = await anExport(tdb.db, 'IOM-9');
    expect(await reasonOf(support.caller.exports.iomStatus({ id: id }))).toMatch(
      /^IOM is unreachable: IOM refused the connection/,
    );
    await tdb.db.delete(serviceConfigs).where(eq(serviceConfigs.type, 'order-history'));
    await historyConfig(tdb.db, { password: 'wrong' });
    expect(await reasonOf(support.caller.exports.iomStatus({ id: id }))).toMatch(/\(401\)/);
  });

  it('goes through the outbound policy: an IOM on a loopback address that is not allowed is not contacted', async () => {
    await historyConfig(tdb.db, { cacheTtlSeconds: 0 });
    const id = await anExport(tdb.db, 'IOM-10');
    const strict = callerFor(tdb.db, support.user, {
      probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: [] }),
    });
    expect(await reasonOf(strict.exports.iomStatus({ id: id }))).toMatch(
      /^Switchboard may not contact IOM: .*SWITCHBOARD_OUTBOUND_ALLOW/,
    );
    expect(stateReads()).toBe(0);
  });

  it("answers NOT_FOUND for another channel's export or an unknown one, BAD_REQUEST for a bad id", async () => {
    await historyConfig(tdb.db);
    const id = await anExport(tdb.db, 'IOM-11');
    const own = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
    const other = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2b'] });
    expect(await own.caller.exports.iomStatus({ id })).toMatchObject({ available: true });
    expect((await rejection(other.caller.exports.iomStatus({ id }))).code).toBe('NOT_FOUND');
    expect((await rejection(support.caller.exports.iomStatus({ id: randomUUID() }))).code).toBe('NOT_FOUND');
    const bad = await rejection(support.caller.exports.iomStatus({ id: 'nope' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.fieldErrors).toHaveProperty('id');
    expect((await rejection(callerFor(tdb.db, null).exports.iomStatus({ id }))).code).toBe('UNAUTHORIZED');
  });
});
