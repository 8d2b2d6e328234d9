import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderExports } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, testTarget, type TestDatabase } from '../helpers/db.ts';
import { exportChannel } from '../helpers/exports.ts';
import { useSimulator } from '../helpers/simulator.ts';

// PGlite is one session: concurrent posts never contend there, so this runs on PostgreSQL only.
describe.runIf(testTarget === 'postgres')('order intake under concurrency (PostgreSQL)', () => {
  const sim = useSimulator();
  let tdb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildApp({
      database: tdb,
      env: loadEnv({}),
      logger: testLogger,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
    });
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('takes the same order once under 20 concurrent posts', async () => {
    await exportChannel(tdb.db, sim(), { settings: { exportTrigger: 'manual' } });
    const { token } = await createToken(tdb.db, SYSTEM_ACTOR, { name: 'ICM', channels: ['b2c'] });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/channels/b2c/orders',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: sampleOrder('SAME-1'),
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await tdb.db.select().from(orderExports)).toHaveLength(1);

    // A different body under the same number, concurrently with repeats: still one row, the first body kept.
    const mixed = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/channels/b2c/orders',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: i % 2 ? sampleOrder('SAME-2') : sampleOrder('SAME-2', { project: `p${i}` }),
        }),
      ),
    );
    expect(mixed.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(mixed.every((r) => [200, 202, 409].includes(r.statusCode))).toBe(true);
    expect(await tdb.db.select().from(orderExports)).toHaveLength(2);
  });
});
