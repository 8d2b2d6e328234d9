import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadEnv, type Env } from '../env.ts';

/** Opens the configured database (PostgreSQL from DATABASE_URL, else the embedded one) and migrates it. */
export async function openMigratedDatabase(
  env: Env = loadEnv(),
): Promise<{ env: Env; database: Database; applied: number }> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS === 'on',
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
