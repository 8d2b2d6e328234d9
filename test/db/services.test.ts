import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, serviceConfigs } from '../../drizzle/schema/index.ts';
import { secretContext } from '../../server/services/commands.ts';
import { capturedLog, signedInAs, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

async function setup() {
  const admin = await signedInAs(tdb.db, 'admin', { email: 'admin@example.com' });
  await admin.caller.channels.create({
    id: 'b2c',
    name: 'B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
    iomBaseUrl: 'https://iom.example.com',
  });
  await admin.caller.channels.create({
    id: 'b2b',
    name: 'B2B',
    iomShopId: '10001',
    iomShopName: 'inTRONICS Business',
  });
  const cm = await signedInAs(tdb.db, 'channel_manager', { email: 'cm@example.com', channels: ['b2c'] });
  return { admin, cm };
}

const rowsOf = async () => tdb.db.select().from(serviceConfigs);

describe('service configurations', () => {
  it('creates from the catalogue with defaults and the channel’s base URL', async () => {
    const { cm } = await setup();
    const { service, warnings } = await cm.caller.services.create({ channelId: 'b2c', type: 'order-export' });
    expect(warnings).toEqual([]);
    expect(service).toMatchObject({
      endpoint: 'https://iom.example.com/rest/order-service',
      active: false,
      timeoutMs: 30_000,
      passwordConfigured: false,
      settings: {
        exportTrigger: 'on-order-creation',
        maxAttempts: 8,
        retryInitialDelaySeconds: 30,
        escalationThreshold: 5,
      },
      version: 1,
      provisioned: false,
    });
  });

  it('validates settings by the type’s schema, naming settings.<key>', async () => {
    const { cm } = await setup();
    const ttl = await rejection(
      cm.caller.services.create({
        channelId: 'b2c',
        type: 'order-history',
        settings: { cacheTtlSeconds: -1 },
      }),
    );
    expect(ttl.fieldErrors['settings.cacheTtlSeconds']).toContain('at least 0');
    const lifetime = await rejection(
      cm.caller.services.create({
        channelId: 'b2c',
        type: 'inventory',
        settings: { reservationLifetimeSeconds: 0 },
      }),
    );
    expect(lifetime.fieldErrors['settings.reservationLifetimeSeconds']).toContain('at least 1');
    // The earlier shape: refused with the key that replaced it and the value to write.
    const retired = await rejection(
      cm.caller.services.create({ channelId: 'b2c', type: 'inventory', settings: { cacheTtlSeconds: 5 } }),
    );
    expect(retired.code).toBe('BAD_REQUEST');
    expect(retired.fieldErrors['settings.cacheTtlSeconds']).toMatch(
      /^cacheTtlSeconds is no longer a setting of inventory: use globalCache .*Here that is globalCache: true\.$/,
    );
    const foreign = await rejection(
      cm.caller.services.create({ channelId: 'b2c', type: 'rma', settings: { exportTrigger: 'manual' } }),
    );
    expect(foreign.fieldErrors['settings.exportTrigger']).toContain('not a setting of rma');
    const scheduled = await rejection(
      cm.caller.services.create({
        channelId: 'b2c',
        type: 'order-export',
        settings: { exportTrigger: 'scheduled', scheduleIntervalMinutes: 1441 },
      }),
    );
    expect(scheduled.fieldErrors['settings.scheduleIntervalMinutes']).toContain('at most 1,440');
    const timeout = await rejection(
      cm.caller.services.create({ channelId: 'b2c', type: 'rma', timeoutMs: 0 }),
    );
    expect(timeout.fieldErrors.timeoutMs).toContain('at least 1 ms');
    const unknown = await rejection(
      cm.caller.services.create({ channelId: 'b2c', type: 'telepathy' as 'rma' }),
    );
    expect(unknown.fieldErrors.type).toContain('Unknown service type');
    expect(await rowsOf()).toHaveLength(0);
  });

  it('allows one configuration per channel and type', async () => {
    const { cm } = await setup();
    await cm.caller.services.create({ channelId: 'b2c', type: 'rma' });
    const dup = await rejection(cm.caller.services.create({ channelId: 'b2c', type: 'rma' }));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.fieldErrors.type).toContain('already has a rma configuration');
  });

  it('blocks a deprecated type beside its active replacement, saying which to deactivate', async () => {
    const { cm } = await setup();
    const exp = await cm.caller.services.create({ channelId: 'b2c', type: 'order-export', active: true });
    const legacy = await rejection(
      cm.caller.services.create({ channelId: 'b2c', type: 'order', active: true }),
    );
    expect(legacy.fieldErrors.active).toContain('Deactivate IOM Order Export Service first');
    const inactive = await cm.caller.services.create({ channelId: 'b2c', type: 'order', active: false });
    const activate = await rejection(
      cm.caller.services.update({ id: inactive.service.id, version: 1, active: true }),
    );
    expect(activate.fieldErrors.active).toContain('must not both be active');
    await cm.caller.services.update({ id: exp.service.id, version: 1, active: false });
    const now = await cm.caller.services.update({ id: inactive.service.id, version: 1, active: true });
    expect(now.service.active).toBe(true);
  });

  it('warns, but allows, Reverse beside RMA', async () => {
    const { cm } = await setup();
    await cm.caller.services.create({ channelId: 'b2c', type: 'rma', active: true });
    const reverse = await cm.caller.services.create({ channelId: 'b2c', type: 'reverse', active: true });
    expect(reverse.warnings[0]).toContain('return slips');
    expect((await cm.caller.channels.get({ id: 'b2c' })).warnings).toHaveLength(1);
  });

  it('scopes by channel: a channel manager cannot touch another channel; support cannot write', async () => {
    const { admin, cm } = await setup();
    const other = await admin.caller.services.create({ channelId: 'b2b', type: 'rma' });
    expect((await rejection(cm.caller.services.create({ channelId: 'b2b', type: 'inventory' }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await rejection(cm.caller.services.update({ id: other.service.id, version: 1, username: 'x' }))).code,
    ).toBe('FORBIDDEN');
    expect((await rejection(cm.caller.services.get({ id: other.service.id }))).code).toBe('FORBIDDEN');
    expect((await rejection(cm.caller.services.list({ channelId: 'b2b' }))).code).toBe('FORBIDDEN');
    expect(await cm.caller.services.list({})).toEqual([]);
    expect(await cm.caller.services.getMany({ ids: [other.service.id] })).toEqual([]);
    const support = await signedInAs(tdb.db, 'support');
    expect(await support.caller.services.list({})).toHaveLength(1);
    expect(
      (await rejection(support.caller.services.update({ id: other.service.id, version: 1, username: 'x' })))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('reads and saves an inventory configuration stored with the earlier cache TTL as the global cache', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create({
      channelId: 'b2c',
      type: 'inventory',
      active: true,
    });
    const earlier = {
      cacheTtlSeconds: 0,
      availabilityCheckOnFailure: false,
      reservationType: 'PARTLY',
      reservationLifetimeSeconds: 60,
    };
    await tdb.db.update(serviceConfigs).set({ settings: earlier }).where(eq(serviceConfigs.id, service.id));
    const current = {
      globalCache: false,
      availabilityCheckOnFailure: false,
      reservationType: 'PARTLY',
      reservationLifetimeSeconds: 60,
    };
    expect((await cm.caller.services.get({ id: service.id })).settings).toEqual(current);
    expect((await cm.caller.services.list({ channelId: 'b2c' }))[0]?.settings).toEqual(current);

    // A save that leaves the settings alone keeps them as stored; one that changes them stores the new shape.
    await cm.caller.services.update({ id: service.id, version: 1, username: 'consumer_ws' });
    expect((await rowsOf())[0]?.settings).toEqual(earlier);
    const { service: saved } = await cm.caller.services.update({
      id: service.id,
      version: 2,
      settings: { reservationLifetimeSeconds: 120 },
    });
    expect(saved.settings).toEqual({ ...current, reservationLifetimeSeconds: 120 });
    expect((await rowsOf())[0]?.settings).toEqual({ ...current, reservationLifetimeSeconds: 120 });
  });

  it('shows the SimpleInventoryService step on the coverage of a channel using IOM’s Inventory service', async () => {
    const { cm } = await setup();
    const inventoryOf = async () =>
      (await cm.caller.channels.get({ id: 'b2c' })).coverage.find((c) => c.feature === 'inventory');
    expect((await inventoryOf())?.icmChecklist).toEqual([]);
    await cm.caller.services.create({ channelId: 'b2c', type: 'inventory', active: true });
    expect((await inventoryOf())?.icmChecklist).toEqual([
      'In ICM, unshare or delete the standard Inventory Service (SimpleInventoryService): deactivating it is not enough',
    ]);
  });

  it('warns that Intershop advises against Reverse and RMA together, and saves both', async () => {
    const { cm } = await setup();
    await cm.caller.services.create({ channelId: 'b2c', type: 'rma', active: true });
    const { warnings } = await cm.caller.services.create({ channelId: 'b2c', type: 'reverse', active: true });
    expect(warnings).toEqual([expect.stringContaining('Intershop advises against using them together')]);
    expect((await cm.caller.channels.get({ id: 'b2c' })).warnings).toEqual(warnings);
  });

  it('refuses a stale version with who and when, never overwriting', async () => {
    const { admin, cm } = await setup();
    const { service } = await cm.caller.services.create({ channelId: 'b2c', type: 'order-history' });
    await admin.caller.services.update({ id: service.id, version: 1, settings: { cacheTtlSeconds: 60 } });
    const stale = await rejection(
      cm.caller.services.update({ id: service.id, version: 1, settings: { cacheTtlSeconds: 0 } }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed by admin@example.com at \d{4}-.* — reload to see their change/);
    expect((await cm.caller.services.get({ id: service.id })).settings).toEqual({ cacheTtlSeconds: 60 });
  });

  it('soft-deletes (inactive, history kept) and lets only an admin restore', async () => {
    const { admin, cm } = await setup();
    const { service } = await cm.caller.services.create({
      channelId: 'b2c',
      type: 'inventory',
      active: true,
    });
    const deleted = await cm.caller.services.delete({ id: service.id, version: 1 });
    expect(deleted).toMatchObject({ active: false, deletedBy: 'cm@example.com' });
    expect(await cm.caller.services.list({ channelId: 'b2c' })).toEqual([]);
    expect(await cm.caller.services.list({ channelId: 'b2c', includeDeleted: true })).toHaveLength(1);
    expect((await rejection(cm.caller.services.restore({ id: service.id }))).code).toBe('FORBIDDEN');
    const restored = await admin.caller.services.restore({ id: service.id });
    expect(restored).toMatchObject({ deletedAt: null, active: false });
    const actions = (await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, service.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['service.created', 'service.deleted', 'service.restored']);
  });

  it('will not restore over a newer configuration of the same type', async () => {
    const { admin, cm } = await setup();
    const first = await cm.caller.services.create({ channelId: 'b2c', type: 'rma' });
    await cm.caller.services.delete({ id: first.service.id, version: 1 });
    await cm.caller.services.create({ channelId: 'b2c', type: 'rma' });
    expect((await rejection(admin.caller.services.restore({ id: first.service.id }))).code).toBe('CONFLICT');
  });

  it('keeps, replaces and clears the password without ever returning or logging it', async () => {
    const { admin, cm } = await setup();
    const passwords = ['first-Pässword:with colon', 'second password ✓', 'third secret value'];
    const created = await cm.caller.services.create({
      channelId: 'b2c',
      type: 'order-export',
      username: 'consumer_ws',
      password: passwords[0],
    });
    const id = created.service.id;
    const responses: unknown[] = [created];
    responses.push(await cm.caller.services.update({ id, version: 1, username: 'consumer_ws2' }));
    let [row] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, id));
    expect(testSecrets.decrypt(row?.passwordEncrypted ?? '', secretContext(id))).toBe(passwords[0]);
    responses.push(await cm.caller.services.update({ id, version: 2, password: passwords[1] }));
    [row] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, id));
    expect(testSecrets.decrypt(row?.passwordEncrypted ?? '', secretContext(id))).toBe(passwords[1]);
    const b2b = await admin.caller.services.create({ channelId: 'b2b', type: 'rma', password: passwords[2] });
    responses.push(b2b);
    responses.push(await cm.caller.services.update({ id, version: 3, password: null }));
    [row] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, id));
    expect(row?.passwordEncrypted).toBeNull();
    expect((await cm.caller.services.get({ id })).passwordConfigured).toBe(false);

    responses.push(
      await admin.caller.services.list({ includeDeleted: true }),
      await admin.caller.services.get({ id: b2b.service.id }),
      await admin.caller.services.getMany({ ids: [id, b2b.service.id] }),
      await admin.caller.channels.list({}),
      await admin.caller.channels.history({ id: 'b2c' }),
      await admin.caller.audit.list({ perPage: 500 }),
    );
    const stored = JSON.stringify(await tdb.db.select().from(serviceConfigs));
    const audit = JSON.stringify(await tdb.db.select().from(auditEvents));
    const everything = superjson.stringify(responses) + audit + stored + capturedLog.join('');
    for (const p of passwords) expect(everything).not.toContain(p);
    const changes = (await admin.caller.channels.history({ id: 'b2c' }))
      .flatMap((e) => e.changes)
      .filter((c) => c.field === 'password');
    expect(changes).toEqual([
      { field: 'password', from: '(changed)', to: '(changed)' },
      { field: 'password', from: '(changed)', to: '(changed)' },
      { field: 'password', from: null, to: '(changed)' },
    ]);
  });

  it('records settings changes field by field', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create({ channelId: 'b2c', type: 'order-export' });
    await cm.caller.services.update({
      id: service.id,
      version: 1,
      settings: { exportTrigger: 'scheduled', scheduleIntervalMinutes: 15 },
    });
    const [entry] = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'service.updated'));
    expect(entry?.changes).toEqual([
      { field: 'settings.exportTrigger', from: 'on-order-creation', to: 'scheduled' },
      { field: 'settings.scheduleIntervalMinutes', from: null, to: 15 },
    ]);
  });

  it.runIf(testTarget === 'postgres')(
    'keeps the activation rule when two people activate conflicting types at once',
    async () => {
      const { admin, cm } = await setup();
      const a = await admin.caller.services.create({ channelId: 'b2c', type: 'order' });
      const b = await admin.caller.services.create({ channelId: 'b2c', type: 'order-export' });
      const results = await Promise.allSettled([
        admin.caller.services.update({ id: a.service.id, version: 1, active: true }),
        cm.caller.services.update({ id: b.service.id, version: 1, active: true }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const active = (await rowsOf()).filter((r) => r.active);
      expect(active).toHaveLength(1);
    },
  );
});
