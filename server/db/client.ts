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
  /**
   * PostgreSQL: how long a statement may wait for a lock, and run at all, before the database cancels it
   * (SQLSTATE 55P03, 57014; the request answers 503 and is retried by its caller): a table locked by another
   * session must not hang requests. 0 sends no bound (the database's or role's own setting applies).
   * Defaults 5 s and 30 s. Migrations lift both for their own transaction.
   */
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** PostgreSQL: how long opening a connection may take (a database that is down answers 503 by then). Default 1 s. */
  connectTimeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 5000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 1000;

/**
 * Session settings sent when each connection opens. postgres.js leaves out empty values, so a bound of 0
 * sends nothing (for a pooler that refuses these startup parameters; set them on the database role instead).
 */
function boundsOnWaits(options: DatabaseOptions): Record<string, string> {
  const lock = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const statement = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    ...(lock > 0 ? { lock_timeout: String(lock) } : {}),
    ...(statement > 0 ? { statement_timeout: String(statement) } : {}),
  };
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
        ...boundsOnWaits(options),
      },
      // While the database is down, a request must fail fast (503) rather than queue behind a reconnect:
      // postgres.js' default backoff grows to 20 s per connection; at most ~1 s here, and ~1 s to connect
      // (a crashed host that drops packets instead of refusing them would otherwise hold requests longer).
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1),
      connect_timeout: (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000,
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
