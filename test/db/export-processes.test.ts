import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportAttempts, orderExports } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { runExports } from '../../server/exports/operator.ts';
import { payloadHash } from '../../server/exports/validate.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { BIN } from '../helpers/cli.ts';
import { createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';
import { exportChannel } from '../helpers/exports.ts';
import { useSimulator } from '../helpers/simulator.ts';

const ORDERS = 2000;
const key = randomBytes(32);

// Several processes on one database: only real PostgreSQL can show that they never share an export.
describe.runIf(testTarget === 'postgres')('exporter processes on one PostgreSQL database', () => {
  const sim = useSimulator({ faults: { latencyMs: 5 } });
  let tdb: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(() => tdb.close());
  beforeEach(async () => {
    await tdb.reset();
    sim().reset();
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  /** Starts `switchboard worker` and resolves once it is claiming. */
  function startWorker(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATABASE_URL: tdb.url ?? '',
        SWITCHBOARD_SECRET_KEY: key.toString('base64'),
        SWITCHBOARD_OUTBOUND_ALLOW: '127.0.0.1',
        SWITCHBOARD_EXPORT_CONCURRENCY: '8',
        SWITCHBOARD_EXPORT_POLL_MS: '50',
        LOG_LEVEL: 'info',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let output = '';
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('export worker started')) resolve(child);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
    });
  }

  async function intakeHeld(): Promise<string[]> {
    await exportChannel(tdb.db, sim(), {
      settings: { exportTrigger: 'manual' },
      secrets: createSecretBox(key),
    });
    const numbers = Array.from({ length: ORDERS }, (_, i) => `P-${String(i).padStart(5, '0')}`);
    // Stored in bulk, as the intake would store them under the manual trigger (the intake is tested elsewhere).
    const now = new Date();
    const rows = numbers.map((n) => {
      const payload = sampleOrder(n);
      return {
        channelId: 'b2c',
        shopOrderNumber: n,
        payload,
        payloadHash: payloadHash(payload),
        state: 'held' as const,
        holdReason: 'manual' as const,
        createdAt: now,
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await tdb.db.insert(orderExports).values(rows.slice(i, i + 500));
    return numbers;
  }

  async function releaseAll() {
    const ids = (await tdb.db.select({ id: orderExports.id }).from(orderExports)).map((r) => r.id);
    await runExports(tdb.db, SYSTEM_ACTOR, { exportIds: ids, cause: 'bulk' });
  }

  const exported = async () =>
    (await tdb.db.select({ n: count() }).from(orderExports).where(eq(orderExports.state, 'exported')))[0]
      ?.n ?? 0;

  async function waitFor(condition: () => Promise<boolean>, ms: number) {
    const until = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const exitOf = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
    );

  it('two worker processes export 2 000 orders, each posted and created exactly once', async () => {
    const numbers = await intakeHeld();
    const workers = await Promise.all([startWorker(), startWorker()]);
    await releaseAll();
    await waitFor(async () => (await exported()) === ORDERS, 45_000);

    const orders = sim().counts.orders['10000'] ?? {};
    expect(numbers.every((n) => orders[n]?.created === 1 && orders[n]?.posts === 1)).toBe(true);
    const attempts = await tdb.db
      .select({ worker: exportAttempts.worker, number: exportAttempts.number, cause: exportAttempts.cause })
      .from(exportAttempts);
    expect(attempts).toHaveLength(ORDERS);
    expect(attempts.every((a) => a.number === 1 && a.cause === 'bulk')).toBe(true);
    expect(new Set(attempts.map((a) => a.worker)).size).toBe(2);

    for (const w of workers) w.kill('SIGTERM');
    expect(await Promise.all(workers.map(exitOf))).toEqual([0, 0]);
  }, 60_000);

  it('a worker killed mid-run is taken over when its leases run out: none lost, none created twice', async () => {
    const numbers = await intakeHeld();
    const first = await startWorker({ SWITCHBOARD_EXPORT_LEASE_SECONDS: '2' });
    await releaseAll();
    await waitFor(async () => (await exported()) >= 300, 30_000);
    first.kill('SIGKILL');
    await exitOf(first);
    const orphaned = await tdb.db
      .select({ id: orderExports.id })
      .from(orderExports)
      .where(eq(orderExports.state, 'in_progress'));

    const second = await startWorker({ SWITCHBOARD_EXPORT_LEASE_SECONDS: '2' });
    await waitFor(async () => (await exported()) === ORDERS, 45_000);

    const orders = sim().counts.orders['10000'] ?? {};
    expect(numbers.filter((n) => orders[n]?.created !== 1)).toEqual([]);
    if (orphaned.length > 0) {
      const lost = await tdb.db
        .select({ errorClass: exportAttempts.errorClass })
        .from(exportAttempts)
        .where(
          inArray(
            exportAttempts.exportId,
            orphaned.map((o) => o.id),
          ),
        );
      expect(lost.filter((a) => a.errorClass === 'worker_lost')).toHaveLength(orphaned.length);
    }
    second.kill('SIGTERM');
    expect(await exitOf(second)).toBe(0);
  }, 60_000);
});
