import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

/** Any constant; every Switchboard process migrating the same database takes the same lock. */
const MIGRATION_LOCK_KEY = 73_120_001;

/**
 * Applies drizzle-kit's migrations in one transaction under an advisory lock, so several instances
 * starting at once migrate exactly once. Keeps drizzle's own bookkeeping table, so drizzle-kit
 * tooling sees the same history. Returns the number of migrations applied.
 */
export async function migrate(
  db: Db,
  migrationsFolder = MIGRATIONS_DIR,
  /** Only the first N migrations (tests of a migration on data of the schema before it). */
  options: { first?: number } = {},
): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder }).slice(0, options.first);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key,
        hash text not null,
        created_at bigint
      )`);
    const applied = rowsOf<{ created_at: string | number | null }>(
      await tx.execute(
        sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
      ),
    );
    const last = applied[0]?.created_at == null ? -1 : Number(applied[0].created_at);
    let count = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= last) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      count += 1;
    }
    return count;
  });
}

/** postgres.js returns rows as the result itself, PGlite as `.rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
