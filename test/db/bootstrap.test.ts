import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { MUST_CHANGE_PASSWORD_MESSAGE, resolveSession, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate, rowsOf } from '../../server/db/migrate.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { appRouter } from '../../server/routers/index.ts';
import { callerFor, CookieRecorder, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createPostgresDatabase, createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('first start', () => {
  it('creates the configured admin once', async () => {
    const first = await ensureFirstAdmin(tdb.db, {
      email: 'root@example.com',
      password: 'configured password',
    });
    expect(first).toEqual({ created: true, email: 'root@example.com', generatedPassword: null });
    expect(
      await ensureFirstAdmin(tdb.db, { email: 'other@example.com', password: 'configured password' }),
    ).toEqual({ created: false });
    const [admin] = await tdb.db.select().from(users);
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(admin?.passwordHash ?? '', 'configured password')).toBe(true);
  });

  it('generates a strong one-time password when none is configured', async () => {
    const result = await ensureFirstAdmin(tdb.db, {});
    if (!result.created) throw new Error('expected an admin');
    expect(result.generatedPassword?.length).toBeGreaterThanOrEqual(20);
    const [admin] = await tdb.db.select().from(users);
    expect(await verifyPassword(admin?.passwordHash ?? '', result.generatedPassword ?? '')).toBe(true);
  });
});

describe('a generated first-admin password', () => {
  const ALLOWED = ['auth.changePassword', 'auth.login', 'auth.logout', 'auth.me'];

  /** Signs in over tRPC, as the browser would, and returns the session. */
  async function signIn(email: string, password: string) {
    const cookies = new CookieRecorder();
    await callerFor(tdb.db, null, { cookies }).auth.login({ email, password });
    const token = cookies.token ?? '';
    const user = await resolveSession(tdb.db, token);
    if (!user) throw new Error('expected a session');
    return { user, token, caller: callerFor(tdb.db, user, { sessionToken: token }) };
  }

  async function generatedAdmin() {
    const result = await ensureFirstAdmin(tdb.db, {});
    if (!result.created || !result.generatedPassword) throw new Error('expected a generated admin');
    return { ...(await signIn(result.email, result.generatedPassword)), password: result.generatedPassword };
  }

  /** The code and message of a call by path, with an input no schema accepts, so nothing changes. */
  async function outcome(caller: ReturnType<typeof callerFor>, path: string) {
    const procedures = caller as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const [group = '', name = ''] = path.split('.');
    try {
      await procedures[group]?.[name]?.({ 'not-a-field': true });
      return { code: 'OK', message: '' };
    } catch (error) {
      return error instanceof TRPCError
        ? { code: error.code, message: error.message }
        : { code: 'THROWN', message: String(error) };
    }
  }

  it('is set only for a generated password, not for ADMIN_PASSWORD', async () => {
    await ensureFirstAdmin(tdb.db, { email: 'root@example.com', password: 'configured password' });
    expect((await tdb.db.select().from(users))[0]?.mustChangePassword).toBe(false);
    await tdb.reset();
    await ensureFirstAdmin(tdb.db, {});
    expect((await tdb.db.select().from(users))[0]?.mustChangePassword).toBe(true);
  });

  it('allows nothing but who am I, signing in and out and changing it; then everything', async () => {
    const { password, ...first } = await generatedAdmin();
    expect(first.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    for (const path of Object.keys(appRouter._def.procedures).sort()) {
      const { code, message } = await outcome(first.caller, path);
      if (ALLOWED.includes(path)) expect(code, path).not.toMatch(/FORBIDDEN|UNAUTHORIZED|THROWN/);
      else
        expect({ path, code, message }).toEqual({
          path,
          code: 'FORBIDDEN',
          message: MUST_CHANGE_PASSWORD_MESSAGE,
        });
    }
    expect(MUST_CHANGE_PASSWORD_MESSAGE).toContain('user menu → Change password');

    // auth.logout above ended that session; signing in again is allowed and changes nothing.
    const admin = await signIn(first.user.email, password);
    expect((await admin.caller.auth.me()).user).toMatchObject({ mustChangePassword: true });
    expect(await outcome(admin.caller, 'users.list')).toMatchObject({ code: 'FORBIDDEN' });

    await admin.caller.auth.changePassword({
      currentPassword: password,
      newPassword: 'my own admin password',
    });
    const after = await resolveSession(tdb.db, admin.token);
    expect(after).toMatchObject({ id: admin.user.id, mustChangePassword: false });
    const changed = callerFor(tdb.db, after, { sessionToken: admin.token });
    expect((await changed.users.list({})).total).toBe(1);
    expect((await tdb.db.select().from(users))[0]?.mustChangePassword).toBe(false);
  });

  it('refuses the CSV download (the one REST route with a session) until it is changed', async () => {
    const admin = await generatedAdmin();
    const app = await buildApp({
      database: tdb,
      env: loadEnv({}),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
    });
    try {
      const csv = () => app.inject({ url: '/api/exports.csv', cookies: { [SESSION_COOKIE]: admin.token } });
      const refused = await csv();
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ message: MUST_CHANGE_PASSWORD_MESSAGE });
      await admin.caller.auth.changePassword({
        currentPassword: admin.password,
        newPassword: 'my own admin password',
      });
      expect((await csv()).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('migrations', () => {
  it('apply once; a second run changes nothing', async () => {
    expect(await migrate(tdb.db)).toBe(0);
    const applied = rowsOf<{ n: string }>(
      await tdb.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
    );
    expect(Number(applied[0]?.n)).toBeGreaterThan(0);
  });

  it.runIf(testTarget === 'postgres')(
    'and several instances starting at once migrate and bootstrap exactly once',
    async () => {
      const fresh = await createPostgresDatabase();
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ url: fresh.url, maxConnections: 2 })),
      );
      try {
        const applied = await Promise.all(instances.map((i) => migrate(i.db)));
        expect(applied.filter((n) => n > 0)).toHaveLength(1);
        const admins = await Promise.all(instances.map((i) => ensureFirstAdmin(i.db, {})));
        expect(admins.filter((a) => a.created)).toHaveLength(1);
      } finally {
        await Promise.all(instances.map((i) => i.close()));
        await fresh.drop();
      }
    },
  );
});
