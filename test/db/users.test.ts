import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../drizzle/schema/index.ts';
import { resolveSession } from '../../server/auth/sessions.ts';
import { ensureChannels, signedInAs, TEST_PASSWORD } from '../helpers/app.ts';
import { createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

const countUsers = async () => (await tdb.db.select().from(users)).length;

describe('creating users', () => {
  it('creates a user with a hashed password and records who did it, without the password', async () => {
    const { caller, user: admin } = await signedInAs(tdb.db, 'admin');
    const created = await caller.users.create({
      email: 'Support@Example.com',
      name: 'Sam Support',
      role: 'support',
      password: 'a support password',
    });
    expect(created).toMatchObject({
      email: 'support@example.com',
      role: 'support',
      channels: [],
      disabled: false,
      version: 1,
    });
    expect(created).not.toHaveProperty('passwordHash');
    const [row] = await tdb.db.select().from(users).where(eq(users.id, created.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const [entry] = await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id));
    expect(entry).toMatchObject({
      action: 'user.created',
      actorEmail: admin.email,
      targetLabel: 'support@example.com',
    });
    expect(entry?.changes.find((c) => c.field === 'role')).toEqual({
      field: 'role',
      from: null,
      to: 'support',
    });
    expect(JSON.stringify(entry)).not.toContain('a support password');
  });

  it.each([
    ['email', { email: 'not-an-email' }, 'valid email'],
    ['password', { password: 'short' }, 'at least 12'],
    ['role', { role: 'superuser' }, 'roles'],
    ['channels', { role: 'channel_manager', channels: [] }, 'at least one channel'],
    ['channels.0', { role: 'channel_manager', channels: ['bad channel id'] }, 'channel id'],
    ['name', { name: '   ' }, 'Enter a name'],
  ])('refuses a bad %s with a message naming it, storing nothing', async (field, change, message) => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const before = await countUsers();
    const error = await rejection(
      caller.users.create({
        email: 'x@example.com',
        name: 'X',
        role: 'support',
        password: 'long enough password',
        ...change,
      } as never),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fieldErrors[field]).toContain(message);
    expect(await countUsers()).toBe(before);
  });

  it('refuses a duplicate email, whatever its case', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    await caller.users.create({
      email: 'dup@example.com',
      name: 'A',
      role: 'support',
      password: 'long enough password',
    });
    const error = await rejection(
      caller.users.create({
        email: 'DUP@example.com',
        name: 'B',
        role: 'support',
        password: 'long enough password',
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.fieldErrors.email).toContain('already has an account');
  });

  it('refuses channels that do not exist, on create and on edit', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const support = await signedInAs(tdb.db, 'support');
    const edit = await rejection(
      caller.users.update({
        id: support.user.id,
        version: 1,
        role: 'channel_manager',
        channels: ['nowhere'],
      }),
    );
    expect(edit.fieldErrors.channels).toContain('Unknown channel(s): nowhere');
    const error = await rejection(
      caller.users.create({
        email: 'cm@example.com',
        name: 'C',
        role: 'channel_manager',
        channels: ['nowhere'],
        password: 'long enough password',
      }),
    );
    expect(error.fieldErrors.channels).toContain('Unknown channel(s): nowhere');
    expect(await countUsers()).toBe(2);
  });

  it('stores the channel scope of a channel manager', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    await ensureChannels(tdb.db, ['inspired-b2c', 'inspired-b2b']);
    const created = await caller.users.create({
      email: 'cm@example.com',
      name: 'Casey',
      role: 'channel_manager',
      channels: ['inspired-b2c', 'inspired-b2b', 'inspired-b2c'],
      password: 'long enough password',
    });
    expect(created.channels).toEqual(['inspired-b2b', 'inspired-b2c']);
  });
});

describe('editing users', () => {
  it('changes a role with a field-level diff and bumps the version', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const target = await signedInAs(tdb.db, 'support');
    await ensureChannels(tdb.db, ['b2c']);
    const updated = await caller.users.update({
      id: target.user.id,
      version: 1,
      role: 'channel_manager',
      channels: ['b2c'],
    });
    expect(updated).toMatchObject({ role: 'channel_manager', channels: ['b2c'], version: 2 });
    const entries = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.updated'));
    expect(entries[0]?.changes).toEqual([
      { field: 'channels', from: [], to: ['b2c'] },
      { field: 'role', from: 'support', to: 'channel_manager' },
    ]);
  });

  it('refuses a stale version and says who changed it when', async () => {
    const { caller, user: admin } = await signedInAs(tdb.db, 'admin');
    const target = await signedInAs(tdb.db, 'support');
    await caller.users.update({ id: target.user.id, version: 1, name: 'First change' });
    const error = await rejection(
      caller.users.update({ id: target.user.id, version: 1, name: 'Second change' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`changed by ${admin.email}`);
    expect(error.message).toContain('reload to see their change');
    expect((await caller.users.get({ id: target.user.id })).name).toBe('First change');
  });

  it('ends the sessions of a user at once when disabled', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const target = await signedInAs(tdb.db, 'support');
    expect(await resolveSession(tdb.db, target.token)).not.toBeNull();
    await caller.users.update({ id: target.user.id, version: 1, disabled: true });
    expect(await resolveSession(tdb.db, target.token)).toBeNull();
    expect(await tdb.db.select().from(sessions).where(eq(sessions.userId, target.user.id))).toHaveLength(0);
    const entries = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.disabled'));
    expect(entries).toHaveLength(1);
  });

  it('lets an admin set a new password, which signs the user out everywhere', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const target = await signedInAs(tdb.db, 'support');
    await caller.users.update({ id: target.user.id, version: 1, password: 'a brand new password' });
    expect(await resolveSession(tdb.db, target.token)).toBeNull();
    const [entry] = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.updated'));
    expect(entry?.changes).toEqual([{ field: 'password', from: '(changed)', to: '(changed)' }]);
  });

  it('keeps at least one active admin and protects an admin from locking themselves out', async () => {
    const { caller, user: admin } = await signedInAs(tdb.db, 'admin');
    const self = await rejection(caller.users.update({ id: admin.id, version: 1, disabled: true }));
    expect(self.fieldErrors.disabled).toContain('your own account');
    const role = await rejection(caller.users.update({ id: admin.id, version: 1, role: 'support' }));
    expect(role.fieldErrors.role).toContain('your own role');
    const other = await signedInAs(tdb.db, 'admin');
    await caller.users.update({ id: other.user.id, version: 1, role: 'support' });
    // `other` still holds the admin context it had: the race of two admins demoting each other.
    const last = await rejection(other.caller.users.update({ id: admin.id, version: 1, role: 'support' }));
    expect(last.fieldErrors.role).toContain('at least one active admin');
  });

  it.runIf(testTarget === 'postgres')(
    'lets only one of two admins demoting each other at once succeed',
    async () => {
      const a = await signedInAs(tdb.db, 'admin');
      const b = await signedInAs(tdb.db, 'admin');
      const results = await Promise.allSettled([
        a.caller.users.update({ id: b.user.id, version: 1, role: 'support' }),
        b.caller.users.update({ id: a.user.id, version: 1, role: 'support' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await tdb.db.select().from(users).where(eq(users.role, 'admin'));
      expect(admins).toHaveLength(1);
    },
  );

  it("refuses to take another user's email, and a channel manager without channels", async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const a = await signedInAs(tdb.db, 'support', { email: 'a@example.com' });
    await signedInAs(tdb.db, 'support', { email: 'b@example.com' });
    const taken = await rejection(caller.users.update({ id: a.user.id, version: 1, email: 'B@example.com' }));
    expect(taken.code).toBe('CONFLICT');
    const noChannels = await rejection(
      caller.users.update({ id: a.user.id, version: 1, role: 'channel_manager' }),
    );
    expect(noChannels.fieldErrors.channels).toContain('at least one channel');
    expect((await caller.users.get({ id: a.user.id })).version).toBe(1);
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const error = await rejection(caller.users.get({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('listing users', () => {
  it('filters, sorts and pages', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin', { email: 'zed@example.com' });
    for (const email of ['anna@example.com', 'bert@example.com', 'carl@example.com']) {
      await signedInAs(tdb.db, 'support', { email });
    }
    const page = await caller.users.list({ page: 1, perPage: 2, sort: 'email', order: 'ASC' });
    expect(page.total).toBe(4);
    expect(page.data.map((u) => u.email)).toEqual(['anna@example.com', 'bert@example.com']);
    const admins = await caller.users.list({ filter: { role: 'admin' } });
    expect(admins.data.map((u) => u.email)).toEqual(['zed@example.com']);
    const search = await caller.users.list({ filter: { q: 'CARL' } });
    expect(search.data.map((u) => u.email)).toEqual(['carl@example.com']);
    const percent = await caller.users.list({ filter: { q: '%' } });
    expect(percent.total).toBe(0);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const me = await signedInAs(tdb.db, 'support');
    const other = await signedInAs(tdb.db, 'admin');
    void other;
    const wrong = await rejection(
      me.caller.auth.changePassword({ currentPassword: 'nope', newPassword: 'another long password' }),
    );
    expect(wrong.fieldErrors.currentPassword).toContain('wrong');
    const weak = await rejection(
      me.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
    );
    expect(weak.fieldErrors.newPassword).toContain('at least 12');
    await me.caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long password',
    });
    expect(await resolveSession(tdb.db, me.token)).not.toBeNull();
  });
});
