import { count, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderExports } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { isDatabaseUnavailable } from '../../server/db/errors.ts';
import { migrate, MIGRATIONS_DIR, rowsOf } from '../../server/db/migrate.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { ensureChannels, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createPostgresDatabase, createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';
import { exportChannel } from '../helpers/exports.ts';
import { useSimulator } from '../helpers/simulator.ts';

// lock_timeout and statement_timeout are PostgreSQL connection settings; the embedded database has one
// connection and no other session to wait for.
describe.runIf(testTarget === 'postgres')('bounded waits on PostgreSQL', () => {
  const sim = useSimulator();
  let tdb: TestDatabase;
  let bounded: Database;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    bounded = await openDatabase({
      url: tdb.url ?? undefined,
      maxConnections: 3,
      lockTimeoutMs: 500,
      statementTimeoutMs: 1000,
    });
    app = await buildApp({
      database: bounded,
      env: loadEnv({}),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
    });
    await tdb.reset();
    await exportChannel(tdb.db, sim(), { settings: { exportTrigger: 'on-order-approval' } });
    await ensureChannels(tdb.db, ['b2c']);
    token = (await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] })).token;
  });
  afterAll(async () => {
    await app.close();
    await bounded.close();
    await tdb.close();
  });

  const post = (shopOrderNumber: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/channels/b2c/orders',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(sampleOrder(shopOrderNumber)),
    });

  it('answers intake 503 within about lock_timeout while another session locks the table; nothing is lost', async () => {
    const holder = postgres(tdb.url ?? '', { max: 1, onnotice: () => undefined });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.begin(async (tx) => {
      await tx`lock table order_exports in access exclusive mode`;
      locked();
      await released;
    });
    try {
      await isLocked;
      const started = Date.now();
      const refused = await post('ICM-LOCKED-1');
      const elapsed = Date.now() - started;
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ error: 'database_unavailable' });
      expect(elapsed).toBeGreaterThanOrEqual(450);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      release();
      await holding;
      await holder.end();
    }
    // The refused order was not stored; ICM sends it again and it is taken.
    const [stored] = await tdb.db.select({ n: count() }).from(orderExports);
    expect(stored?.n).toBe(0);
    const again = await post('ICM-LOCKED-1');
    expect(again.statusCode).toBe(202);
    const [after] = await tdb.db.select({ n: count() }).from(orderExports);
    expect(after?.n).toBe(1);
  });

  it('cancels a statement past statement_timeout as unavailable (57014)', async () => {
    const error: unknown = await bounded.db.execute(sql`select pg_sleep(3)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('lets a migration wait past lock_timeout for a table another session is reading', async () => {
    const fresh = await createPostgresDatabase();
    const database = await openDatabase({ url: fresh.url, maxConnections: 2, lockTimeoutMs: 200 });
    const holder = postgres(fresh.url, { max: 1, onnotice: () => undefined });
    try {
      const all = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
      await migrate(database.db, undefined, { first: all.length - 1 });
      const tables = rowsOf<{ name: string }>(
        await database.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`),
      ).map((t) => `"${t.name}"`);
      // A long report reads every table for a second: the last migration's ALTER TABLE must wait for it.
      const reading = holder.begin(async (tx) => {
        await tx.unsafe(`lock table ${tables.join(', ')} in access share mode`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await migrate(database.db)).toBe(1);
      await reading;
    } finally {
      await holder.end();
      await database.close();
      await fresh.drop();
    }
  });
});
