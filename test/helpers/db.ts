import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { DEFAULT_ORGANIZATION_ID, organizations } from '../../drizzle/schema/index.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate, rowsOf } from '../../server/db/migrate.ts';

export type TestTarget = 'pglite' | 'postgres';

export const testTarget: TestTarget = process.env.SWITCHBOARD_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** Connection string of this test's own PostgreSQL database (postgres target only). */
  url: string | null;
  /** Empties every table, so each test starts from a migrated, empty database. */
  reset: () => Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set; the postgres test target needs it.');
  return url;
}

/** A fresh PostgreSQL database on the TEST_DATABASE_URL server; dropped again by `drop()`. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => undefined });
  const name = `switchboard_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** One migrated database per test file, on the target this test project runs against. */
export async function createTestDatabase(target: TestTarget = testTarget): Promise<TestDatabase> {
  let database: Database;
  let url: string | null = null;
  let drop: () => Promise<void> = () => Promise.resolve();
  if (target === 'postgres') {
    const created = await createPostgresDatabase();
    url = created.url;
    drop = created.drop;
    database = await openDatabase({ url, maxConnections: 5 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  await migrate(database.db);
  const tables = rowsOf<{ tablename: string }>(
    await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  ).map((t) => `"${t.tablename}"`);
  return {
    ...database,
    url,
    reset: async () => {
      await database.db.execute(sql.raw(`truncate ${tables.join(', ')} restart identity cascade`));
      // What the migrations seed: the organization that channels belong to by default.
      await database.db.insert(organizations).values({
        id: DEFAULT_ORGANIZATION_ID,
        name: 'Default organization',
        description: 'Channels created without an organization belong here.',
        updatedBy: 'system',
      });
    },
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
