import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiTokens, auditEvents } from '../../drizzle/schema/index.ts';
import { sha256 } from '../../server/auth/tokens.ts';
import { authenticateToken } from '../../server/tokens/commands.ts';
import { ensureChannels, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to channels, and record their last use', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await ensureChannels(tdb.db, ['b2c', 'b2b']);
    const { token, record } = await admin.caller.tokens.create({
      name: 'ICM production',
      channels: ['b2c', 'b2b', 'b2c'],
    });
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({
      name: 'ICM production',
      channelIds: ['b2b', 'b2c'],
      prefix: token.slice(0, 10),
      lastUsedAt: null,
    });
    expect(record).not.toHaveProperty('tokenHash');
    const [row] = await tdb.db.select().from(apiTokens);
    expect(row?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(await admin.caller.tokens.list())).not.toContain(token);
    expect(JSON.stringify(await tdb.db.select().from(auditEvents))).not.toContain(token);

    const used = await authenticateToken(tdb.db, token);
    expect(used?.channelIds).toEqual(['b2b', 'b2c']);
    expect((await admin.caller.tokens.get({ id: record.id })).lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateToken(tdb.db, `${token}x`)).toBeNull();
    expect(await authenticateToken(tdb.db, undefined)).toBeNull();
    // The intake asks, in the same statement, whether the channel in its path exists.
    expect((await authenticateToken(tdb.db, token, 'b2c'))?.channelExists).toBe(true);
    expect((await authenticateToken(tdb.db, token, 'outlet'))?.channelExists).toBe(false);
    expect((await authenticateToken(tdb.db, token))?.channelExists).toBe(false);
  });

  it('stop working once revoked, and cannot be revoked twice', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await ensureChannels(tdb.db, ['b2c']);
    const { token, record } = await admin.caller.tokens.create({ name: 'staging', channels: ['b2c'] });
    const revoked = await admin.caller.tokens.revoke({ id: record.id });
    expect(revoked.revokedBy).toBe(admin.user.email);
    expect(await authenticateToken(tdb.db, token)).toBeNull();
    expect((await rejection(admin.caller.tokens.revoke({ id: record.id }))).message).toContain(
      'revoked already',
    );
    const actions = (await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, record.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['token.created', 'token.revoked']);
  });

  it('need a name and existing channels', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    expect(
      (await rejection(admin.caller.tokens.create({ name: ' ', channels: ['b2c'] }))).fieldErrors.name,
    ).toContain('Name the token');
    expect(
      (await rejection(admin.caller.tokens.create({ name: 'x', channels: [] }))).fieldErrors.channels,
    ).toContain('at least one channel');
    expect(
      (await rejection(admin.caller.tokens.create({ name: 'x', channels: ['nowhere'] }))).fieldErrors
        .channels,
    ).toContain('Unknown channel(s): nowhere');
    expect(await tdb.db.select().from(apiTokens)).toHaveLength(0);
  });
});
