import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadEnv, type Env } from '../env.ts';

/**
 * Opens the configured database (PostgreSQL from DATABASE_URL, else the embedded one) and migrates it. The
 * embedded one is refused (DataDirBusyError, exit 2) while another process holds it; a database migrated by
 * a newer Switchboard is refused too (NewerSchemaError, exit 2). `notice` hears what was
 * fixed in DATA_DIR's file modes; by default it goes to stderr.
 */
export async function openMigratedDatabase(
  env: Env = loadEnv(),
  notice: (message: string) => void = (message) => process.stderr.write(`switchboard: ${message}\n`),
): Promise<{ env: Env; database: Database; applied: number }> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS === 'on',
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    onDataDirNotice: notice,
  });
  try {
    const applied = await migrate(database.db);
    return { env, database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function withDatabase<T>(work: (database: Database, env: Env) => Promise<T>): Promise<T> {
  const { env, database } = await openMigratedDatabase();
  try {
    return await work(database, env);
  } finally {
    await database.close();
  }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new Error(
      '--password-stdin expects the password on standard input, e.g. echo "$PW" | switchboard …',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
