import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, channels, userChannels } from '../../drizzle/schema/index.ts';
import { resolveSession } from '../../server/auth/sessions.ts';
import { callerFor, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

const b2c = {
  id: 'inspired-b2c',
  name: 'inSPIRED B2C',
  iomShopId: '10000',
  iomShopName: 'inTRONICS',
  iomBaseUrl: 'https://iom.example.com/',
};
const count = async () => (await tdb.db.select().from(channels)).length;

describe('channels', () => {
  it('creates a channel with an exact int64 shop ID and records it', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const created = await caller.channels.create({ ...b2c, iomShopId: '9223372036854775807' });
    expect(created).toMatchObject({
      id: 'inspired-b2c',
      iomShopId: 9_223_372_036_854_775_807n,
      iomBaseUrl: 'https://iom.example.com',
      version: 1,
    });
    const channel = await caller.channels.get({ id: 'inspired-b2c' });
    expect(channel.coverage.every((c) => c.status === 'missing')).toBe(true);
    const [entry] = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'channel.created'));
    expect(entry).toMatchObject({ channelId: 'inspired-b2c' });
    expect(entry?.changes).toContainEqual({ field: 'iomShopId', from: null, to: '9223372036854775807' });
  });

  it.each([
    ['iomShopId', { iomShopId: 'abc' }, 'digits only'],
    ['iomShopId', { iomShopId: '-3' }, 'cannot be negative'],
    ['iomShopId', { iomShopId: '9223372036854775808' }, 'at most 9223372036854775807'],
    ['id', { id: 'has space' }, 'channel id'],
    ['iomBaseUrl', { iomBaseUrl: 'javascript:alert(1)' }, 'http:// or https://'],
    ['iomShopName', { iomShopName: '' }, 'shop name'],
  ])('refuses a bad %s, naming it, storing nothing', async (field, change, message) => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const error = await rejection(caller.channels.create({ ...b2c, ...change }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fieldErrors[field]).toContain(message);
    expect(await count()).toBe(0);
  });

  it('refuses a duplicate channel id', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    await caller.channels.create(b2c);
    const error = await rejection(caller.channels.create({ ...b2c, name: 'Other' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fieldErrors.id).toContain('exists already');
  });

  it('assigns a channel to the channel manager who creates it', async () => {
    const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['other'] });
    await cm.caller.channels.create(b2c);
    const links = await tdb.db.select().from(userChannels).where(eq(userChannels.userId, cm.user.id));
    expect(links.map((l) => l.channelId).sort()).toEqual(['inspired-b2c', 'other']);
  });

  it('scopes channel managers to their channels; support reads all but writes nothing', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.channels.create(b2c);
    await admin.caller.channels.create({ ...b2c, id: 'inspired-b2b', name: 'B2B' });
    const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['inspired-b2b'] });
    expect((await cm.caller.channels.list({})).data.map((c) => c.id)).toEqual(['inspired-b2b']);
    expect((await rejection(cm.caller.channels.get({ id: 'inspired-b2c' }))).code).toBe('FORBIDDEN');
    const edit = await rejection(
      cm.caller.channels.update({ id: 'inspired-b2c', version: 1, name: 'Mine now' }),
    );
    expect(edit.code).toBe('FORBIDDEN');
    expect(edit.message).toContain('not assigned to channel inspired-b2c');
    expect(await cm.caller.channels.getMany({ ids: ['inspired-b2c', 'inspired-b2b'] })).toHaveLength(1);
    const support = await signedInAs(tdb.db, 'support');
    expect((await support.caller.channels.list({})).total).toBe(2);
    expect(
      (await rejection(support.caller.channels.update({ id: 'inspired-b2c', version: 1, name: 'x' }))).code,
    ).toBe('FORBIDDEN');
  });

  it('updates with a diff, and refuses a stale version naming who changed it', async () => {
    const admin = await signedInAs(tdb.db, 'admin', { email: 'first@example.com' });
    await admin.caller.channels.create(b2c);
    const updated = await admin.caller.channels.update({
      id: 'inspired-b2c',
      version: 1,
      iomShopId: '10001',
      description: 'Main shop',
    });
    expect(updated).toMatchObject({ version: 2, iomShopId: 10001n, description: 'Main shop' });
    const stale = await rejection(
      admin.caller.channels.update({ id: 'inspired-b2c', version: 1, name: 'Late' }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed by first@example.com at .* — reload to see their change/);
    const history = await admin.caller.channels.history({ id: 'inspired-b2c' });
    expect(history[0]?.changes).toEqual([
      { field: 'description', from: null, to: 'Main shop' },
      { field: 'iomShopId', from: '10000', to: '10001' },
    ]);
  });

  it('searches and filters by a missing feature', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.channels.create(b2c);
    await admin.caller.channels.create({ ...b2c, id: 'inspired-b2b', name: 'inSPIRED B2B' });
    await admin.caller.services.create({ channelId: 'inspired-b2b', type: 'inventory', active: true });
    expect((await admin.caller.channels.list({ filter: { q: 'B2B' } })).data.map((c) => c.id)).toEqual([
      'inspired-b2b',
    ]);
    const missing = await admin.caller.channels.list({ filter: { missingFeature: 'inventory' } });
    expect(missing.data.map((c) => c.id)).toEqual(['inspired-b2c']);
    const withInventory = (await admin.caller.channels.get({ id: 'inspired-b2b' })).coverage.find(
      (c) => c.feature === 'inventory',
    );
    expect(withInventory?.status).toBe('available');
  });
});

describe('channels in organizations', () => {
  async function organizationsWithAChannel() {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.organizations.create({ id: 'inspired', name: 'inSPIRED' });
    await admin.caller.organizations.create({ id: 'rival', name: 'Rival Retail' });
    await admin.caller.channels.create({ ...b2c, organizationId: 'inspired' });
    // Admins create channels anywhere.
    await admin.caller.channels.create({ ...b2c, id: 'rival-b2c', organizationId: 'rival' });
    return admin;
  }
  const stored = async () => ({
    channels: (await tdb.db.select().from(channels)).map((c) => c.id).sort(),
    links: (await tdb.db.select().from(userChannels)).length,
    audit: (await tdb.db.select().from(auditEvents)).length,
  });

  it('a channel manager creates channels only in an organization where they manage one', async () => {
    await organizationsWithAChannel();
    const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['inspired-b2c'] });
    const before = await stored();
    for (const [organizationId, name] of [
      ['rival', 'Rival Retail'],
      [undefined, 'Default organization'],
    ] as const) {
      const refused = await rejection(
        cm.caller.channels.create({ ...b2c, id: 'sneaky', ...(organizationId ? { organizationId } : {}) }),
      );
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain(`organization ${name}`);
      expect(refused.message).toContain('Create it in inSPIRED');
      expect(refused.message).toContain('ask an admin');
      expect(refused.fieldErrors.organizationId).toBe(refused.message);
      expect(await stored()).toEqual(before);
    }
    await cm.caller.channels.create({ ...b2c, id: 'inspired-b2b', organizationId: 'inspired' });
    const [created] = await tdb.db.select().from(channels).where(eq(channels.id, 'inspired-b2b'));
    expect(created?.organizationId).toBe('inspired');
  });

  it('a channel manager without channels creates in the default organization only', async () => {
    await organizationsWithAChannel();
    // A channel manager always gets a channel; one whose channels were all taken away has none.
    const assigned = await signedInAs(tdb.db, 'channel_manager', { channels: ['inspired-b2c'] });
    await tdb.db.delete(userChannels).where(eq(userChannels.userId, assigned.user.id));
    const user = await resolveSession(tdb.db, assigned.token);
    expect(user?.channels).toEqual([]);
    const cm = { caller: callerFor(tdb.db, user) };
    const before = await stored();
    const refused = await rejection(
      cm.caller.channels.create({ ...b2c, id: 'sneaky', organizationId: 'inspired' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('organization inSPIRED');
    expect(refused.message).toContain('Create it in Default organization');
    expect(await stored()).toEqual(before);
    await cm.caller.channels.create({ ...b2c, id: 'first' });
    const [created] = await tdb.db.select().from(channels).where(eq(channels.id, 'first'));
    expect(created?.organizationId).toBe('default');
  });
});

describe('dashboard', () => {
  it('counts the channels in scope, their active services, gaps and warnings', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.channels.create(b2c);
    await admin.caller.channels.create({ ...b2c, id: 'inspired-b2b', name: 'B2B' });
    await admin.caller.services.create({ channelId: 'inspired-b2b', type: 'order-export', active: true });
    await admin.caller.services.create({ channelId: 'inspired-b2c', type: 'rma', active: true });
    await admin.caller.services.create({ channelId: 'inspired-b2c', type: 'reverse', active: true });
    expect((await admin.caller.dashboard.summary()).channels).toEqual({
      total: 2,
      activeServices: 3,
      withoutOrderExport: 1,
      withWarnings: 1,
    });
    const cm = await signedInAs(tdb.db, 'channel_manager', { channels: ['inspired-b2b'] });
    expect((await cm.caller.dashboard.summary()).channels).toEqual({
      total: 1,
      activeServices: 1,
      withoutOrderExport: 0,
      withWarnings: 0,
    });
  });
});
