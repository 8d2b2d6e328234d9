import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate, rowsOf } from '../../server/db/migrate.ts';
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
