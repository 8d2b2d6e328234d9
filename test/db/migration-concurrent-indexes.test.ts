import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { migrate, MIGRATIONS_DIR, rowsOf } from '../../server/db/migrate.ts';
import { createPostgresDatabase, testTarget } from '../helpers/db.ts';

/** The statements the README's upgrade step feeds to psql: each CREATE INDEX of the file, built concurrently. */
const concurrentIndexes = (file: string) =>
  readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('CREATE INDEX IF NOT EXISTS'))
    .map((s) => s.replace('CREATE INDEX IF NOT EXISTS', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS'));

describe.runIf(testTarget === 'postgres')('upgrading a large database', () => {
  it('builds the export list indexes concurrently beforehand; the migration then skips them', async () => {
    const fresh = await createPostgresDatabase();
    const database = await openDatabase({ url: fresh.url, maxConnections: 2 });
    const direct = postgres(fresh.url, { max: 1, onnotice: () => undefined });
    try {
      // Up to and including 0008, the schema before the export list indexes.
      await migrate(database.db, undefined, { first: 9 });
      const statements = concurrentIndexes('0009_export_list_indexes.sql');
      expect(statements).toHaveLength(7);
      // Outside any transaction, as psql runs them.
      for (const statement of statements) await direct.unsafe(statement);
      // 0009 and every migration after it (0010 and later).
      expect(await migrate(database.db)).toBe(
        readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length - 9,
      );
      const indexes = rowsOf<{ name: string; valid: boolean }>(
        await database.db.execute(sql`
          select c.relname as name, i.indisvalid as valid from pg_index i
          join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
          where t.relname = 'order_exports' and c.relname like 'order_exports_%_idx'`),
      );
      expect(indexes.filter((i) => i.valid).map((i) => i.name)).toEqual(
        expect.arrayContaining(['order_exports_created_idx', 'order_exports_number_prefix_idx']),
      );
      expect(indexes.every((i) => i.valid)).toBe(true);
    } finally {
      await direct.end();
      await database.close();
      await fresh.drop();
    }
  });
});
