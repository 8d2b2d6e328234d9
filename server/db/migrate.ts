import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DomainError } from '../errors.ts';
import type { Db } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

/** Any constant; every Switchboard process migrating the same database takes the same lock. */
const MIGRATION_LOCK_KEY = 73_120_001;

/**
 * Applies drizzle-kit's migrations in one transaction under an advisory lock, so several instances
 * starting at once migrate exactly once. Keeps drizzle's own bookkeeping table, so drizzle-kit
 * tooling sees the same history. Returns the number of migrations applied. Refuses (NewerSchemaError) a
 * database that a newer Switchboard has migrated further than this one knows: running on a schema it
 * does not know, an older build would take orders it cannot record.
 */
export async function migrate(
  db: Db,
  migrationsFolder = MIGRATIONS_DIR,
  /** Only the first N migrations (tests of a migration on data of the schema before it). */
  options: { first?: number } = {},
): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder }).slice(0, options.first);
  return db.transaction(async (tx) => {
    // Migrations may rewrite large tables: the connection's bounds on waits (DATABASE_LOCK_TIMEOUT_MS,
    // DATABASE_STATEMENT_TIMEOUT_MS) are meant for requests, not for them. A waiting instance waits.
    await tx.execute(sql`set local lock_timeout = 0`);
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key,
        hash text not null,
        created_at bigint
      )`);
    const applied = rowsOf<{ hash: string; created_at: string | number | null }>(
      await tx.execute(
        sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at asc, id asc`,
      ),
    );
    refuseNewerSchema(applied, migrations);
    const newest = applied.at(-1)?.created_at;
    const last = newest == null ? -1 : Number(newest);
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

/** The database was migrated by a newer Switchboard than this one: the start stops (exit 2). */
export class NewerSchemaError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
    this.name = 'NewerSchemaError';
  }
}

/**
 * Throws NewerSchemaError when the database holds a migration dated after the newest one this build knows.
 * drizzle's bookkeeping keeps only a hash and the migration's date, so the migration is named by its place
 * in the applied history (the database's 13th migration is 0012, as drizzle-kit numbers them).
 */
function refuseNewerSchema(
  applied: { hash: string; created_at: string | number | null }[],
  known: { hash: string; folderMillis: number }[],
): void {
  const newestKnown = known.at(-1)?.folderMillis ?? -1;
  const knownHashes = new Set(known.map((m) => m.hash));
  const unknown = applied
    .map((row, index) => ({ index, millis: row.created_at == null ? null : Number(row.created_at), row }))
    .filter(({ millis, row }) => millis !== null && millis > newestKnown && !knownHashes.has(row.hash));
  if (unknown.length === 0) return;
  const names = unknown
    .map(
      ({ index, millis }) => `${String(index).padStart(4, '0')} dated ${new Date(millis ?? 0).toISOString()}`,
    )
    .join(', ');
  throw new NewerSchemaError(
    `the database schema is newer than this Switchboard (migration${unknown.length > 1 ? 's' : ''} ${names} ` +
      `applied by a newer version; ` +
      `this one knows ${known.length} migrations); run the newer version or restore a backup`,
  );
}

/** postgres.js returns rows as the result itself, PGlite as `.rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
