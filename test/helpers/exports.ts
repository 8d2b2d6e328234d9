import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { channels, exportAttempts, orderExports, serviceConfigs } from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import { ExportWorker, type ExportWorkerOptions } from '../../server/exports/worker.ts';
import { dialectOf } from '../../server/iom-simulator/dialect.ts';
import type { IomSimulator, SimulatorOptions } from '../../server/iom-simulator/index.ts';
import type { SecretBox } from '../../server/secrets/secretBox.ts';
import { createLogger } from '../../server/logger.ts';
import { probeEnvironmentFrom } from '../../server/probes/environment.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { useSimulator } from './simulator.ts';

// Own instances (not those of ./app.ts), so exporter tests do not load the tRPC routers.
export const exportSecrets = createSecretBox(randomBytes(32));
const logger = createLogger('silent');
const probeEnv = probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: ['127.0.0.1', 'localhost', '::1'] });

/** A clock the test moves by hand: retries, schedules and leases follow it. */
export class FakeClock {
  constructor(public ms = Date.parse('2026-03-02T10:00:30Z')) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
  set(at: Date | null) {
    if (at) this.ms = Math.max(this.ms, at.getTime());
  }
}

export interface ExportChannelOptions {
  id?: string;
  shopId?: number;
  settings?: Record<string, unknown>;
  password?: string;
  /** The IOM user (default consumer_ws; the simulator's b2c_ws may use shop 10000 only). */
  username?: string;
  /** Default: the simulator's order service. */
  endpoint?: string;
  active?: boolean;
  /** Without a configuration: the channel waits for one. */
  noConfig?: boolean;
  timeoutMs?: number;
  secrets?: SecretBox;
}

/** A channel on the simulator's shop with an order-export configuration; returns the configuration id. */
export async function exportChannel(db: Db, sim: IomSimulator, options: ExportChannelOptions = {}) {
  const id = options.id ?? 'b2c';
  const configId = randomUUID();
  await db
    .insert(channels)
    .values({
      id,
      name: `Channel ${id}`,
      iomShopId: BigInt(options.shopId ?? 10000),
      iomShopName: 'inTRONICS',
    })
    .onConflictDoNothing();
  if (!options.noConfig) {
    await db.insert(serviceConfigs).values({
      id: configId,
      channelId: id,
      type: 'order-export',
      active: options.active ?? true,
      endpoint: options.endpoint ?? sim.endpoints.orderService,
      username: options.username ?? 'consumer_ws',
      passwordEncrypted: (options.secrets ?? exportSecrets).encrypt(
        options.password ?? 'consumer_ws',
        `service-config:${configId}`,
      ),
      timeoutMs: options.timeoutMs ?? 5000,
      settings: options.settings ?? {},
      updatedBy: 'test',
    });
  }
  return configId;
}

export async function setSettings(db: Db, configId: string, settings: Record<string, unknown>) {
  await db.update(serviceConfigs).set({ settings }).where(eq(serviceConfigs.id, configId));
}

export function makeWorker(db: Db, options: Partial<ExportWorkerOptions> = {}) {
  return new ExportWorker({
    db,
    secrets: exportSecrets,
    probeEnv,
    logger,
    concurrency: 4,
    random: () => 0.5,
    ...options,
  });
}

export async function exportOf(db: Db, shopOrderNumber: string, channelId = 'b2c') {
  const [row] = await db
    .select()
    .from(orderExports)
    .where(and(eq(orderExports.channelId, channelId), eq(orderExports.shopOrderNumber, shopOrderNumber)));
  if (!row) throw new Error(`no export ${shopOrderNumber}`);
  return row;
}

export async function attemptsOf(db: Db, exportId: string) {
  return db
    .select()
    .from(exportAttempts)
    .where(eq(exportAttempts.exportId, exportId))
    .orderBy(exportAttempts.number);
}

/**
 * A test file's database and IOM simulator: created once, emptied before each test (the simulator's orders,
 * counts and faults too, and its dialect back to the one it started with: by default IOM's Order API 2.0 as
 * its contract documents it). Use `testbed.db` inside tests and hooks.
 */
export function useExportTestbed(options: SimulatorOptions = {}) {
  const sim = useSimulator(options);
  let database: TestDatabase | undefined;
  const opened = () => {
    if (!database)
      throw new Error('The test database is opened in beforeAll; use it inside tests and hooks.');
    return database;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await opened().reset();
    sim().reset();
    sim().setFaults({});
    sim().setDialect(dialectOf(options));
  });
  return {
    sim,
    get db(): Db {
      return opened().db;
    },
  };
}
