import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../drizzle/schema/index.ts';
import { capturedLog, ensureChannels, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('audit log', () => {
  it('lets support browse and filter every change, newest first', async () => {
    const admin = await signedInAs(tdb.db, 'admin', { email: 'boss@example.com' });
    const support = await signedInAs(tdb.db, 'support');
    const created = await admin.caller.users.create({
      email: 'new@example.com',
      name: 'New',
      role: 'support',
      password: 'a long password 1',
    });
    await ensureChannels(tdb.db, ['b2c']);
    await admin.caller.users.update({
      id: created.id,
      version: 1,
      role: 'channel_manager',
      channels: ['b2c'],
    });

    const all = await support.caller.audit.list({});
    expect(all.data.map((e) => e.action).slice(0, 2)).toEqual(['user.updated', 'user.created']);
    const byActor = await support.caller.audit.list({ filter: { actorEmail: 'boss@' } });
    expect(byActor.total).toBe(2);
    const byAction = await support.caller.audit.list({ filter: { action: 'user.updated' } });
    expect(byAction.data[0]?.changes).toContainEqual({
      field: 'role',
      from: 'support',
      to: 'channel_manager',
    });
    const byTarget = await support.caller.audit.list({
      filter: { targetType: 'user', targetId: created.id },
    });
    expect(byTarget.total).toBe(2);
    const future = await support.caller.audit.list({
      filter: { from: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.total).toBe(0);
    const search = await support.caller.audit.list({ filter: { q: 'new@example' } });
    expect(search.total).toBe(2);
    expect(await support.caller.audit.actions()).toEqual(['user.created', 'user.updated']);
    const one = await support.caller.audit.get({ id: byAction.data[0]?.id ?? 0 });
    expect(one.action).toBe('user.updated');
  });

  it('never holds a password, and neither does the log output', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    const secrets = ['first secret password', 'second secret password', 'third secret password'];
    const created = await admin.caller.users.create({
      email: 's@example.com',
      name: 'S',
      role: 'support',
      password: secrets[0] ?? '',
    });
    await admin.caller.users.update({ id: created.id, version: 1, password: secrets[1] });
    const rows = await tdb.db.select().from(auditEvents);
    const everything =
      JSON.stringify(rows) + JSON.stringify(await admin.caller.users.list({})) + capturedLog.join('');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(rows.some((r) => r.changes.some((c) => c.field === 'password'))).toBe(true);
  });

  it('refuses a malformed date filter with a message naming the field', async () => {
    const support = await signedInAs(tdb.db, 'support');
    await expect(support.caller.audit.list({ filter: { from: 'yesterday' } })).rejects.toThrow(
      /filter\.from/,
    );
  });
});
