import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, channels, organizations, serviceConfigs } from '../../drizzle/schema/index.ts';
import { signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

async function setup() {
  const admin = await signedInAs(tdb.db, 'admin', { email: 'admin@example.com' });
  await admin.caller.organizations.create({ id: 'inspired', name: 'inSPIRED' });
  for (const [id, shop] of [
    ['b2c', '10000'],
    ['b2b', '10001'],
  ] as const) {
    await admin.caller.channels.create({
      id,
      name: id.toUpperCase(),
      iomShopId: shop,
      iomShopName: `shop ${id}`,
      organizationId: 'inspired',
    });
  }
  const cm = await signedInAs(tdb.db, 'channel_manager', { email: 'cm@example.com', channels: ['b2c'] });
  return { admin, cm };
}

const shared = (
  sharingRule: 'unshared' | 'shared-active' | 'shared-inactive' | 'shared-mandatory',
  type: 'order-export' | 'rma' | 'order' = 'order-export',
) => ({
  organizationId: 'inspired',
  type,
  sharingRule,
  active: true,
  endpoint: 'https://iom.example.com/rest/order-service',
  username: 'consumer_ws',
  password: 'shared secret',
});

const entryOf = async (
  caller: Awaited<ReturnType<typeof signedInAs>>['caller'],
  channelId: string,
  type = 'order-export',
) => (await caller.services.effective({ channelId })).entries.find((e) => e.type === type);

describe('organizations', () => {
  it('are managed by admins; channels land in the default organization unless told otherwise', async () => {
    const { admin, cm } = await setup();
    await admin.caller.channels.create({ id: 'loose', name: 'Loose', iomShopId: '1', iomShopName: 'x' });
    expect((await admin.caller.channels.get({ id: 'loose' })).organizationId).toBe('default');
    const org = await admin.caller.organizations.get({ id: 'inspired' });
    expect(org).toMatchObject({ name: 'inSPIRED', channelCount: 2, serviceCount: 0 });
    expect((await rejection(cm.caller.organizations.create({ id: 'x', name: 'X' }))).code).toBe('FORBIDDEN');
    expect((await rejection(admin.caller.organizations.create({ id: 'inspired', name: 'again' }))).code).toBe(
      'CONFLICT',
    );
    expect(
      (
        await rejection(
          admin.caller.channels.create({
            id: 'c',
            name: 'C',
            iomShopId: '1',
            iomShopName: 'x',
            organizationId: 'nope',
          }),
        )
      ).fieldErrors.organizationId,
    ).toContain('no organization nope');
  });

  it('cannot be deleted while they hold channels; the default one never', async () => {
    const { admin } = await setup();
    const busy = await rejection(admin.caller.organizations.delete({ id: 'inspired' }));
    expect(busy.message).toContain('still has 2 channel(s): b2b, b2c');
    expect((await rejection(admin.caller.organizations.delete({ id: 'default' }))).message).toContain(
      'rename it instead',
    );
    await admin.caller.organizations.create({ id: 'empty', name: 'Empty' });
    await admin.caller.services.create({ ...shared('shared-active'), organizationId: 'empty' });
    await admin.caller.organizations.delete({ id: 'empty' });
    expect(await tdb.db.select().from(organizations).where(eq(organizations.id, 'empty'))).toEqual([]);
    expect(
      await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.organizationId, 'empty')),
    ).toEqual([]);
  });

  it('only an admin moves a channel to another organization', async () => {
    const { admin, cm } = await setup();
    const move = await rejection(
      cm.caller.channels.update({ id: 'b2c', version: 1, organizationId: 'default' }),
    );
    expect(move.code).toBe('FORBIDDEN');
    await admin.caller.channels.update({ id: 'b2c', version: 1, organizationId: 'default' });
    expect((await admin.caller.channels.get({ id: 'b2c' })).organizationId).toBe('default');
  });
});

describe('sharing rules', () => {
  it('shared-inactive: channels get it inactive and must activate it; activating is local to one channel', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('shared-inactive'));
    expect((await entryOf(cm.caller, 'b2c'))?.effective).toMatchObject({
      source: 'inherited',
      active: false,
      status: 'not-activated',
    });
    const { entry } = await cm.caller.services.setInheritedActive({
      channelId: 'b2c',
      configId: service.id,
      active: true,
    });
    expect(entry.effective).toMatchObject({ source: 'inherited', active: true, status: 'operational' });
    expect(entry.effective.explanation).toBe(
      'inherited from organization inSPIRED, shared-inactive, activated locally by cm@example.com',
    );
    expect((await entryOf(admin.caller, 'b2b'))?.effective.active).toBe(false);
    expect((await admin.caller.channels.get({ id: 'b2c' })).coverage[0]?.status).toBe('available');
    expect((await admin.caller.channels.get({ id: 'b2b' })).coverage[0]?.status).toBe('missing');
    const [audit] = await tdb.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'service.inherited_activated'));
    expect(audit).toMatchObject({ channelId: 'b2c', actorEmail: 'cm@example.com' });
  });

  it('shared-active: channels get it active and may deactivate it; back to the default forgets the switch', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('shared-active'));
    expect((await entryOf(cm.caller, 'b2c'))?.effective.active).toBe(true);
    const off = await cm.caller.services.setInheritedActive({
      channelId: 'b2c',
      configId: service.id,
      active: false,
    });
    expect(off.entry.effective).toMatchObject({ status: 'deactivated-locally', active: false });
    const on = await cm.caller.services.setInheritedActive({
      channelId: 'b2c',
      configId: service.id,
      active: true,
    });
    expect(on.entry.activation).toBeNull();
    expect(on.entry.effective.status).toBe('operational');
  });

  it('shared-mandatory: channels can neither deactivate nor override it', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('shared-mandatory'));
    const off = await rejection(
      cm.caller.services.setInheritedActive({ channelId: 'b2c', configId: service.id, active: false }),
    );
    expect(off.fieldErrors.active).toContain('mandatory');
    const override = await rejection(cm.caller.services.create({ channelId: 'b2c', type: 'order-export' }));
    expect(override.fieldErrors.type).toContain('mandatory');
    expect((await entryOf(cm.caller, 'b2c'))?.effective).toMatchObject({
      source: 'mandatory',
      active: true,
      canToggleInherited: false,
      canOverride: false,
    });
  });

  it('unshared: channels do not get it, and cannot switch it', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('unshared'));
    expect((await entryOf(cm.caller, 'b2c'))?.effective).toMatchObject({ source: 'none', active: false });
    const on = await rejection(
      cm.caller.services.setInheritedActive({ channelId: 'b2c', configId: service.id, active: true }),
    );
    expect(on.fieldErrors.active).toContain('does not share');
  });

  it('a local override wins over a shared configuration, and is used by tests and coverage', async () => {
    const { admin, cm } = await setup();
    await admin.caller.services.create(shared('shared-active'));
    const { service: local } = await cm.caller.services.create({
      channelId: 'b2c',
      type: 'order-export',
      active: false,
    });
    const entry = await entryOf(cm.caller, 'b2c');
    expect(entry?.effective).toMatchObject({ source: 'override', configId: local.id, active: false });
    expect((await admin.caller.channels.get({ id: 'b2c' })).coverage[0]?.status).toBe('missing');
    expect((await admin.caller.channels.get({ id: 'b2b' })).coverage[0]?.status).toBe('available');
  });

  it('only admins edit organization configurations; channel managers read those of their organization', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('shared-active'));
    expect(
      (await rejection(cm.caller.services.update({ id: service.id, version: 1, username: 'mine' }))).code,
    ).toBe('FORBIDDEN');
    expect((await rejection(cm.caller.services.create(shared('shared-active', 'rma')))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(cm.caller.services.delete({ id: service.id, version: 1 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await cm.caller.services.get({ id: service.id })).passwordConfigured).toBe(true);
    expect(await cm.caller.services.list({ organizationId: 'inspired' })).toHaveLength(1);
    const outsider = await signedInAs(tdb.db, 'channel_manager', { channels: ['elsewhere'] });
    expect((await rejection(outsider.caller.services.get({ id: service.id }))).code).toBe('FORBIDDEN');
    const support = await signedInAs(tdb.db, 'support');
    expect(
      (
        await rejection(
          support.caller.services.setInheritedActive({
            channelId: 'b2c',
            configId: service.id,
            active: false,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('keeps the activation rules across channels: a shared type may not meet its deprecated twin on any channel', async () => {
    const { admin, cm } = await setup();
    await cm.caller.services.create({ channelId: 'b2c', type: 'order', active: true });
    const blocked = await rejection(admin.caller.services.create(shared('shared-active')));
    expect(blocked.fieldErrors.active).toContain('b2c:');
    expect(
      await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.organizationId, 'inspired')),
    ).toHaveLength(0);
    const { service } = await admin.caller.services.create(shared('shared-inactive'));
    const activate = await rejection(
      cm.caller.services.setInheritedActive({ channelId: 'b2c', configId: service.id, active: true }),
    );
    expect(activate.fieldErrors.active).toContain('must not both be active');
  });

  it('asks to confirm a rule change that takes the configuration from channels, naming them, after a preview', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create(shared('shared-inactive'));
    await cm.caller.services.setInheritedActive({ channelId: 'b2c', configId: service.id, active: true });
    expect(await admin.caller.services.previewChange({ id: service.id, sharingRule: 'unshared' })).toEqual({
      losing: ['b2c'],
      gaining: [],
    });
    expect(
      await admin.caller.services.previewChange({ id: service.id, sharingRule: 'shared-active' }),
    ).toEqual({ losing: [], gaining: ['b2b'] });
    const unconfirmed = await rejection(
      admin.caller.services.update({ id: service.id, version: 1, sharingRule: 'unshared' }),
    );
    expect(unconfirmed.code).toBe('CONFLICT');
    expect(unconfirmed.message).toContain('takes the configuration away from 1 channel(s) that use it: b2c');
    expect((await admin.caller.services.get({ id: service.id })).sharingRule).toBe('shared-inactive');
    await admin.caller.services.update({
      id: service.id,
      version: 1,
      sharingRule: 'unshared',
      confirmLoss: true,
    });
    expect((await entryOf(cm.caller, 'b2c'))?.effective.active).toBe(false);
  });

  it('tests an inherited configuration for the channel whose shop it serves', async () => {
    const { admin, cm } = await setup();
    const { service } = await admin.caller.services.create({
      ...shared('shared-active'),
      endpoint: 'http://127.0.0.1:9/rest/order-service',
    });
    const missingChannel = await rejection(admin.caller.probes.testSaved({ configId: service.id }));
    expect(missingChannel.fieldErrors.channelId).toContain('choose the channel');
    const run = await cm.caller.probes.testSaved({ configId: service.id, channelId: 'b2c' });
    expect(run).toMatchObject({ channelId: 'b2c', configId: service.id, outcome: 'unreachable' });
    expect((await cm.caller.probes.grid()).cells).toEqual([
      expect.objectContaining({ channelId: 'b2c', configId: service.id, outcome: 'unreachable' }),
    ]);
  });
});

describe('migration to organizations', () => {
  it('keeps existing channels and configurations, moving them into the default organization', async () => {
    const { openDatabase } = await import('../../server/db/client.ts');
    const { migrate } = await import('../../server/db/migrate.ts');
    const { createPostgresDatabase, testTarget } = await import('../helpers/db.ts');
    const pg = testTarget === 'postgres' ? await createPostgresDatabase() : null;
    const db = await openDatabase(pg ? { url: pg.url } : { dataDir: 'memory://' });
    try {
      await migrate(db.db, undefined, { first: 3 });
      await db.db.execute(
        (await import('drizzle-orm'))
          .sql`insert into channels (id, name, iom_shop_id, iom_shop_name) values ('old', 'Old', 9007199254740993, 'old shop')`,
      );
      await db.db.execute(
        (await import('drizzle-orm'))
          .sql`insert into service_configs (channel_id, type, active, endpoint, settings) values ('old', 'rma', true, 'https://iom/rest/rma', '{}')`,
      );
      await migrate(db.db);
      const [channel] = await db.db.select().from(channels);
      expect(channel).toMatchObject({
        id: 'old',
        organizationId: 'default',
        iomShopId: 9_007_199_254_740_993n,
      });
      const [config] = await db.db.select().from(serviceConfigs);
      expect(config).toMatchObject({
        channelId: 'old',
        organizationId: null,
        sharingRule: null,
        type: 'rma',
        active: true,
      });
      const [org] = await db.db.select().from(organizations);
      expect(org?.id).toBe('default');
    } finally {
      await db.close();
      await pg?.drop();
    }
  });
});
