import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../drizzle/schema/index.ts';
import { openDatabase } from '../../server/db/client.ts';
import { rowsOf } from '../../server/db/migrate.ts';
import { createPostgresDatabase, createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());

describe.runIf(testTarget === 'postgres')('statements on PostgreSQL', () => {
  it('are prepared once per connection when they have parameters, also inside transactions and savepoints', async () => {
    await tdb.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i += 1)
        await tx
          .select()
          .from(channels)
          .where(eq(channels.id, `c-${i}`));
      await tx.transaction(async (inner) => {
        await inner.select({ id: channels.id }).from(channels).where(eq(channels.name, 'x'));
      });
      const prepared = rowsOf<{ statement: string }>(
        await tx.execute(sql`select statement from pg_prepared_statements`),
      ).map((r) => r.statement);
      // One statement for three runs with different values; one for the query in the savepoint.
      expect(prepared.filter((s) => s.includes('"channels"."id" = $1'))).toHaveLength(1);
      expect(prepared.filter((s) => s.includes('"channels"."name" = $1'))).toHaveLength(1);
    });
  });

  it('are left unprepared with DATABASE_PREPARED_STATEMENTS=off, for a pooler in transaction mode', async () => {
    const fresh = await createPostgresDatabase();
    const database = await openDatabase({ url: fresh.url, maxConnections: 1, preparedStatements: false });
    try {
      await database.db.execute(sql`select ${'a value'}::text as parameterised`);
      const prepared = rowsOf(await database.db.execute(sql`select name from pg_prepared_statements`));
      expect(prepared).toEqual([]);
      // Nor is a startup parameter sent that a pooler such as PgBouncer would refuse.
      const [mode] = rowsOf<{ plan_cache_mode: string }>(
        await database.db.execute(sql`show plan_cache_mode`),
      );
      expect(mode?.plan_cache_mode).toBe('auto');
    } finally {
      await database.close();
      await fresh.drop();
    }
  });

  it('are planned for their values each time (no generic plan for skewed columns)', async () => {
    const rows = rowsOf<{ plan_cache_mode: string }>(await tdb.db.execute(sql`show plan_cache_mode`));
    expect(rows[0]?.plan_cache_mode).toBe('force_custom_plan');
  });
});
