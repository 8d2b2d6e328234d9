import { Agent, request } from 'undici';
import { channels, serviceConfigs } from '../drizzle/schema/index.ts';
import { CATALOGUE, SERVICE_TYPES } from '../shared/catalogue/index.ts';
import { startIomSimulator } from '../server/iom-simulator/index.ts';
import { applicationProbeUrl, basicAuth } from '../server/probe/application.ts';
import { SYSTEM_ACTOR } from '../server/audit/record.ts';
import { resolveSession, startSession } from '../server/auth/sessions.ts';
import { createLogger } from '../server/logger.ts';
import { followTestAll } from '../server/probes/batchProgress.ts';
import { probeBatchesIdle } from '../server/probes/batchRunner.ts';
import { startTestAll } from '../server/probes/batches.ts';
import { createUser } from '../server/users/commands.ts';
import { probeEnvironmentFrom } from '../server/probes/environment.ts';
import { createSecretBox } from '../server/secrets/secretBox.ts';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../test/helpers/db.ts';
import { median, table, writeSection, type Row } from './lib.ts';

const CHANNELS = 125; // × 8 service types = 1 000 configurations
const CONCURRENCY = 16;
const RUNS = 3;

/** Test-all over 1 000 configurations against the simulator, next to a bare request loop to the same URLs. */
export async function run(): Promise<string> {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const shops = Array.from({ length: CHANNELS }, (_, i) => ({ id: 20_000 + i, name: `bench-shop-${i}` }));
  const simulator = await startIomSimulator({ shops });
  const tdb = await createTestDatabase(url ? 'postgres' : 'pglite');
  const secrets = createSecretBox(randomBytes(32));
  const services = {
    db: tdb.db,
    secrets,
    probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: ['127.0.0.1'] }),
    logger: createLogger('silent'),
  };
  try {
    // A batch belongs to the person who started it: the bench signs one in.
    const created = await createUser(tdb.db, SYSTEM_ACTOR, {
      email: 'bench@example.com',
      name: 'bench',
      role: 'admin',
      channels: [],
      password: randomBytes(16).toString('hex'),
    });
    const { token } = await startSession(tdb.db, created.id, { ip: '127.0.0.1', userAgent: 'bench' });
    const admin = await resolveSession(tdb.db, token);
    if (!admin) throw new Error('the bench session did not resolve');
    await tdb.db.insert(channels).values(
      shops.map((s) => ({
        id: `bench-${s.id}`,
        name: s.name,
        iomShopId: BigInt(s.id),
        iomShopName: s.name,
      })),
    );
    const rows = shops.flatMap((s) =>
      SERVICE_TYPES.map((type) => ({
        id: crypto.randomUUID(),
        channelId: `bench-${s.id}`,
        type,
        active: true,
        endpoint: `${simulator.url}${CATALOGUE[type].defaultPath}`,
        username: 'consumer_ws',
        timeoutMs: 10_000,
        settings: {},
      })),
    );
    await tdb.db.insert(serviceConfigs).values(
      rows.map((r) => ({
        ...r,
        passwordEncrypted: secrets.encrypt('consumer_ws', `service-config:${r.id}`),
      })),
    );
    const urls = rows.map((r, i) =>
      applicationProbeUrl({
        type: r.type,
        endpoint: r.endpoint,
        username: 'consumer_ws',
        password: 'consumer_ws',
        timeoutMs: 10_000,
        trustedCertificateSha256: null,
        shopId: BigInt(shops[Math.floor(i / SERVICE_TYPES.length)]?.id ?? 0),
        shopName: shops[Math.floor(i / SERVICE_TYPES.length)]?.name ?? '',
      }),
    );

    const testAllMs: number[] = [];
    const bareMs: number[] = [];
    let outcomes = '';
    for (let i = 0; i < RUNS + 1; i += 1) {
      const t0 = performance.now();
      const { batchId } = await startTestAll(services, admin, { concurrency: CONCURRENCY });
      await probeBatchesIdle();
      const t1 = performance.now();
      for await (const event of await followTestAll(tdb.db, admin, { batchId })) {
        if (event.kind === 'end') outcomes = JSON.stringify(event.byOutcome);
      }
      const t2 = performance.now();
      await bareLoop(urls, CONCURRENCY);
      const t3 = performance.now();
      if (i > 0) {
        testAllMs.push(Math.round(t1 - t0));
        bareMs.push(Math.round(t3 - t2));
      }
    }
    const perConfig = testAllMs.map((ms) => ms / rows.length);
    const perRequest = bareMs.map((ms) => ms / rows.length);
    const ratio = median(testAllMs) / median(bareMs);
    const result: Row[] = [
      {
        name: `test all, ${rows.length} configurations, concurrency ${CONCURRENCY}`,
        unit: 'ms',
        values: testAllMs,
        note: `outcomes ${outcomes}`,
      },
      { name: 'bare HTTP loop, same URLs and concurrency', unit: 'ms', values: bareMs },
      { name: 'test all, per configuration', unit: 'ms', values: perConfig },
      { name: 'bare HTTP, per request', unit: 'ms', values: perRequest },
      {
        name: 'ratio test all / bare loop (median)',
        unit: '×',
        values: [Math.round(ratio * 100) / 100],
        note: 'each test also does policy, DNS, TCP, the IOM call, the health call and stores its result',
      },
    ];
    writeSection(
      'testall',
      'Connectivity test-all',
      `Test-all over ${rows.length} configurations (${CHANNELS} channels × ${SERVICE_TYPES.length} types) against the IOM simulator on this machine, ${url ? 'PostgreSQL' : 'PGlite'}, results stored; next to a bare undici request loop (one GET with Basic auth per configuration, keep-alive) at the same concurrency. One warm-up, then ${RUNS} counted runs.\n\n${table(result)}\n`,
    );
    return table(result);
  } finally {
    await tdb.close();
    await simulator.close();
  }
}

async function bareLoop(urls: string[], concurrency: number): Promise<void> {
  const agent = new Agent({ connections: concurrency });
  let next = 0;
  const auth = basicAuth('consumer_ws', 'consumer_ws');
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      const response = await request(url, { dispatcher: agent, headers: { authorization: auth } });
      await response.body.text();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await agent.close();
}
