import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate, MIGRATIONS_DIR, NewerSchemaError, rowsOf } from '../../server/db/migrate.ts';
import { runCli } from '../helpers/cli.ts';
import { createPostgresDatabase, testTarget } from '../helpers/db.ts';

/** A database of its own (a DATA_DIR, or a PostgreSQL database), as the CLI gets it from the environment. */
let env: Record<string, string>;
let drop: () => Promise<void> = () => Promise.resolve();
const open = (): Promise<Database> => openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });

beforeAll(async () => {
  if (testTarget === 'postgres') {
    const created = await createPostgresDatabase();
    env = { DATABASE_URL: created.url };
    drop = created.drop;
  } else {
    env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'switchboard-newer-schema-')) };
  }
});
afterAll(() => drop());

describe('a database migrated by a newer Switchboard', () => {
  const all = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const older = all.length - 2;

  it('is refused by an older build, naming the migration it does not know', async () => {
    const database = await open();
    try {
      await migrate(database.db);
      const refusal = migrate(database.db, undefined, { first: older });
      await expect(refusal).rejects.toBeInstanceOf(NewerSchemaError);
      await expect(refusal).rejects.toThrow(
        new RegExp(
          `^the database schema is newer than this Switchboard \\(migrations ${String(older).padStart(4, '0')} dated ` +
            `${new Date(all[older]?.folderMillis ?? 0).toISOString().replace(/[.]/g, '\\.')}, ` +
            `${String(older + 1).padStart(4, '0')} dated .*run the newer version or restore a backup$`,
        ),
      );
      // The build that knows them all is still at home there, and nothing was applied twice.
      expect(await migrate(database.db)).toBe(0);
      const rows = rowsOf<{ n: number | string }>(
        await database.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
      );
      expect(Number(rows[0]?.n)).toBe(all.length);
    } finally {
      await database.close();
    }
  });

  it('stops `switchboard migrate` with exit 2 and the reason', async () => {
    const database = await open();
    try {
      await migrate(database.db);
      await database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-build', ${later(all)})`,
      );
    } finally {
      await database.close();
    }
    const result = await runCli(['migrate'], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `the database schema is newer than this Switchboard (migration ${String(all.length).padStart(4, '0')} dated ${new Date(later(all)).toISOString()}`,
    );
    expect(result.stderr).toContain('run the newer version or restore a backup');
  });
});

/** A migration of a later build than this one: dated a year after the newest one this build knows. */
function later(all: { folderMillis: number }[]): number {
  return (all.at(-1)?.folderMillis ?? 0) + 365 * 24 * 3600 * 1000;
}
