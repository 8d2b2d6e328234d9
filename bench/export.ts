import { randomBytes, randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { Agent, request } from 'undici';
import { channels, orderExports, serviceConfigs } from '../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../server/audit/record.ts';
import { openDatabase } from '../server/db/client.ts';
import { intakeOrder } from '../server/exports/intake.ts';
import { runExports } from '../server/exports/operator.ts';
import { ExportWorker } from '../server/exports/worker.ts';
import {
  ORDER_MEDIA_TYPE,
  sampleOrder,
  startIomSimulator,
  type IomSimulator,
} from '../server/iom-simulator/index.ts';
import { createLogger } from '../server/logger.ts';
import { basicAuth } from '../server/probe/application.ts';
import { probeEnvironmentFrom } from '../server/probes/environment.ts';
import { createSecretBox } from '../server/secrets/secretBox.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db.ts';
import { median, table, writeSection, type Row } from './lib.ts';

const ORDERS = 2000;
const CONCURRENCY = 16;
const RUNS = 3;

/** Exports per second against the simulator on PostgreSQL, next to a bare undici client posting the same orders. */
export async function run(): Promise<string> {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    const note = 'Skipped: the export benchmark needs PostgreSQL (set DATABASE_URL or TEST_DATABASE_URL).';
    writeSection('export', 'Order export throughput', note);
    return note;
  }
  process.env.TEST_DATABASE_URL = url;
  const simulator = await startIomSimulator({ maxOrders: 1_000_000 });
  const tdb = await createTestDatabase('postgres');
  const secrets = createSecretBox(randomBytes(32));
  const configId = randomUUID();
  await tdb.db
    .insert(channels)
    .values({ id: 'bench', name: 'bench', iomShopId: 10000n, iomShopName: 'inTRONICS' });
  await tdb.db.insert(serviceConfigs).values({
    id: configId,
    channelId: 'bench',
    type: 'order-export',
    active: true,
    endpoint: simulator.endpoints.orderService,
    username: 'consumer_ws',
    passwordEncrypted: secrets.encrypt('consumer_ws', `service-config:${configId}`),
    timeoutMs: 10_000,
    settings: { exportTrigger: 'manual' },
  });
  // The exporter gets a pool of its own, as large as a server's (10).
  const pool = await openDatabase({ url: tdb.url ?? url, maxConnections: 10 });
  const worker = new ExportWorker({
    db: pool.db,
    secrets,
    probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: ['127.0.0.1'] }),
    logger: createLogger('warn'),
    concurrency: CONCURRENCY,
    pollMs: 20,
  });
  await worker.start();
  const exportPerSec: number[] = [];
  const intakePerSec: number[] = [];
  const barePerSec: number[] = [];
  try {
    for (let runNo = 0; runNo <= RUNS; runNo += 1) {
      await tdb.db.delete(orderExports).where(eq(orderExports.channelId, 'bench'));
      simulator.reset();
      const numbers = Array.from({ length: ORDERS }, (_, i) => `B${runNo}-${i}`);
      const t0 = performance.now();
      await inLanes(numbers, 8, (n) =>
        intakeOrder(tdb.db, { channelId: 'bench', body: sampleOrder(n) }).then(() => undefined),
      );
      const t1 = performance.now();
      const ids = (await tdb.db.select({ id: orderExports.id }).from(orderExports)).map((r) => r.id);
      const t2 = performance.now();
      await runExports(tdb.db, SYSTEM_ACTOR, { exportIds: ids, cause: 'bulk' });
      await waitUntilExported(tdb);
      const t3 = performance.now();
      simulator.reset();
      const t4 = performance.now();
      await bareClient(simulator, numbers, CONCURRENCY);
      const t5 = performance.now();
      if (runNo === 0) continue; // warm-up
      intakePerSec.push(Math.round(ORDERS / ((t1 - t0) / 1000)));
      exportPerSec.push(Math.round(ORDERS / ((t3 - t2) / 1000)));
      barePerSec.push(Math.round(ORDERS / ((t5 - t4) / 1000)));
    }
  } finally {
    await worker.stop();
    await pool.close();
    await tdb.close();
    await simulator.close();
  }
  const ratio = median(exportPerSec) / median(barePerSec);
  const rows: Row[] = [
    {
      name: `export, ${ORDERS} orders, concurrency ${CONCURRENCY}, every attempt logged`,
      unit: 'orders/s',
      values: exportPerSec,
      note: 'bulk run → all exported',
    },
    {
      name: 'bare undici client, same orders and concurrency',
      unit: 'orders/s',
      values: barePerSec,
      note: 'POST only, keep-alive',
    },
    { name: 'ratio exporter / bare client (median)', unit: '×', values: [Math.round(ratio * 100) / 100] },
    {
      name: 'intake (intakeOrder, 8 in parallel)',
      unit: 'orders/s',
      values: intakePerSec,
      note: 'validate, effective trigger, insert',
    },
  ];
  writeSection(
    'export',
    'Order export throughput',
    `${ORDERS} orders per run exported to the IOM simulator on this machine by one in-process exporter (concurrency ${CONCURRENCY}) on PostgreSQL: claim with a lease, POST, classify, and store the attempt (request and response) with the export's new state; next to a bare undici client posting the same order bodies to the same simulator at the same concurrency. One warm-up, then ${RUNS} counted runs.\n\n${table(rows)}\n`,
  );
  return table(rows);
}

async function inLanes(items: string[], lanes: number, work: (item: string) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++] as string);
    }),
  );
}

async function waitUntilExported(tdb: TestDatabase) {
  for (;;) {
    const [row] = await tdb.db
      .select({ n: count() })
      .from(orderExports)
      .where(eq(orderExports.state, 'exported'));
    if ((row?.n ?? 0) >= ORDERS) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function bareClient(simulator: IomSimulator, numbers: string[], concurrency: number) {
  const agent = new Agent({ connections: concurrency });
  const auth = basicAuth('consumer_ws', 'consumer_ws');
  const url = `${simulator.endpoints.orderService}/shops/10000/orders`;
  await inLanes(numbers, concurrency, async (n) => {
    const response = await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: auth, 'content-type': ORDER_MEDIA_TYPE },
      body: JSON.stringify(sampleOrder(n)),
    });
    await response.body.text();
    if (response.statusCode !== 201) throw new Error(`bare client: ${response.statusCode}`);
  });
  await agent.close();
}
