import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, loginFailures, sessions } from '../../drizzle/schema/index.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../../server/auth/rateLimit.ts';
import { resolveSession, SESSION_MAX_MS } from '../../server/auth/sessions.ts';
import { sha256 } from '../../server/auth/tokens.ts';
import { callerFor, CookieRecorder, signedInAs, TEST_PASSWORD } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return { code: (error as TRPCError).code, message: (error as TRPCError).message };
  }
  throw new Error('expected a rejection');
}

function loginAs(email: string, password: string, ip = '10.1.1.1') {
  const cookies = new CookieRecorder();
  const caller = callerFor(tdb.db, null, { cookies, ip });
  return { cookies, result: caller.auth.login({ email, password }) };
}

describe('login', () => {
  it('signs in with the right password, sets the session cookie and records the login', async () => {
    const { user } = await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    const { cookies, result } = loginAs('SAM@example.com', TEST_PASSWORD);
    const { user: me } = await result;
    expect(me).toMatchObject({ id: user.id, email: 'sam@example.com', role: 'support' });
    expect(cookies.token).toBeTruthy();
    expect(await resolveSession(tdb.db, cookies.token ?? '')).toMatchObject({ id: user.id });
    // The database holds only a hash of the token.
    const stored = await tdb.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256(cookies.token ?? '')));
    expect(stored).toHaveLength(1);
    const entries = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login'));
    expect(entries).toHaveLength(1);
  });

  it('gives the same answer for a wrong password and an unknown user, and records both', async () => {
    await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    const wrong = await codeOf(loginAs('sam@example.com', 'wrong password').result);
    const unknown = await codeOf(loginAs('nobody@example.com', 'wrong password').result);
    expect(wrong).toEqual({ code: 'UNAUTHORIZED', message: 'The email or the password is wrong.' });
    expect(unknown).toEqual(wrong);
    const failed = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
    expect(failed.map((f) => f.targetLabel).sort()).toEqual(['nobody@example.com', 'sam@example.com']);
  });

  it('refuses a malformed email as bad input', async () => {
    const { code, message } = await codeOf(loginAs('not an email', 'x').result);
    expect(code).toBe('BAD_REQUEST');
    expect(message).toContain('email');
  });

  it('tells a disabled user so, and only after the right password', async () => {
    const { caller } = await signedInAs(tdb.db, 'admin');
    const target = await signedInAs(tdb.db, 'support', { email: 'gone@example.com' });
    await caller.users.update({ id: target.user.id, version: 1, disabled: true });
    expect((await codeOf(loginAs('gone@example.com', 'not the password').result)).code).toBe('UNAUTHORIZED');
    const disabled = await codeOf(loginAs('gone@example.com', TEST_PASSWORD).result);
    expect(disabled.code).toBe('FORBIDDEN');
    expect(disabled.message).toContain('disabled');
  });

  it('limits failed logins per account, saying when to try again, even with the right password', async () => {
    await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) {
      expect((await codeOf(loginAs('sam@example.com', `wrong ${i}`, `10.0.0.${i}`).result)).code).toBe(
        'UNAUTHORIZED',
      );
    }
    const limited = await codeOf(loginAs('sam@example.com', TEST_PASSWORD, '10.9.9.9').result);
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/Try again in \d+ s/);
    // Another account is not affected.
    await signedInAs(tdb.db, 'support', { email: 'kim@example.com' });
    await expect(loginAs('kim@example.com', TEST_PASSWORD, '10.9.9.9').result).resolves.toBeTruthy();
  });

  it('limits failed logins per address across accounts', async () => {
    await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    const rows = Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => ({
      email: `u${i}@example.com`,
      ip: '10.6.6.6',
    }));
    await tdb.db.insert(loginFailures).values(rows);
    const limited = await codeOf(loginAs('sam@example.com', TEST_PASSWORD, '10.6.6.6').result);
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    await expect(loginAs('sam@example.com', TEST_PASSWORD, '10.7.7.7').result).resolves.toBeTruthy();
  });

  it('forgets failures older than the window, and clears them on success', async () => {
    await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    const old = new Date(Date.now() - 16 * 60 * 1000);
    await tdb.db
      .insert(loginFailures)
      .values(Array.from({ length: 10 }, () => ({ email: 'sam@example.com', ip: '10.0.0.1', at: old })));
    await expect(loginAs('sam@example.com', TEST_PASSWORD).result).resolves.toBeTruthy();
    expect(
      await tdb.db.select().from(loginFailures).where(eq(loginFailures.email, 'sam@example.com')),
    ).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('logout ends the session and clears the cookie', async () => {
    const me = await signedInAs(tdb.db, 'support');
    const cookies = new CookieRecorder();
    await callerFor(tdb.db, me.user, { sessionToken: me.token, cookies }).auth.logout();
    expect(cookies.cleared).toBe(true);
    expect(await resolveSession(tdb.db, me.token)).toBeNull();
  });

  it('ignores unknown, expired and too old sessions', async () => {
    const me = await signedInAs(tdb.db, 'support');
    expect(await resolveSession(tdb.db, 'not-a-token')).toBeNull();
    expect(await resolveSession(tdb.db, undefined)).toBeNull();
    await tdb.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - SESSION_MAX_MS - 1000) })
      .where(eq(sessions.userId, me.user.id));
    expect(await resolveSession(tdb.db, me.token)).toBeNull();
    const again = await signedInAs(tdb.db, 'support');
    await tdb.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, again.user.id));
    expect(await resolveSession(tdb.db, again.token)).toBeNull();
  });

  it('reports who is signed in, or null', async () => {
    const me = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c', 'b2b'] });
    expect((await me.caller.auth.me()).user).toMatchObject({
      role: 'channel_manager',
      channels: ['b2b', 'b2c'],
    });
    expect((await callerFor(tdb.db, null).auth.me()).user).toBeNull();
  });
});
