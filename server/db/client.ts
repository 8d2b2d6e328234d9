import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/index.ts';
import { openEmbedded } from './embedded.ts';
import { preparingStatements } from './preparedStatements.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Round trip to the database; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded database in `dataDir` is used. */
  url?: string | undefined;
  /**
   * Directory for the embedded database; `memory://` keeps it in memory (tests). A directory is opened by one
   * process at a time (a second one gets DataDirBusyError) and kept private to its owner.
   */
  dataDir?: string;
  /** Hears what was fixed in DATA_DIR's file modes at the start (embedded database only). */
  onDataDirNotice?: (message: string) => void;
  maxConnections?: number;
  /**
   * PostgreSQL: prepare statements once per connection (see preparingStatements). Off for a pooler in
   * transaction mode that cannot keep prepared statements apart. Default on.
   */
  preparedStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const prepare = options.preparedStatements !== false;
    const sql = postgres(options.url, {
      max: options.maxConnections ?? 10,
      prepare,
      onnotice: () => undefined,
      // Prepared statements (see preparingStatements) are still planned for their values each time, as
      // unnamed ones are: a generic plan could suit skewed columns such as an export's state badly.
      connection: {
        application_name: 'switchboard',
        ...(prepare ? { plan_cache_mode: 'force_custom_plan' } : {}),
      },
      // While the database is down, a request must fail fast (503) rather than queue behind a reconnect:
      // postgres.js' default backoff grows to 20 s per connection; at most ~1 s here, and 5 s to connect.
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1),
      connect_timeout: 5,
    });
    const client = prepare ? preparingStatements(sql) : sql;
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await sql`select 1`;
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? './data';
  if (dataDir.startsWith('memory://')) return fromPglite(await PGlite.create(dataDir));
  const embedded = await openEmbedded(dataDir, options.onDataDirNotice);
  return fromPglite(embedded.client, embedded.close);
}

export function fromPglite(client: PGlite, close: () => Promise<void> = () => client.close()): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close,
  };
}
