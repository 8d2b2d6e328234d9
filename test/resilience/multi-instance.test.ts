/**
 * Two `switchboard serve` processes (each with its exporter) and two `switchboard worker` processes on one
 * database, orders posted to both servers at once: every order taken, none answered with a 5xx, each exported
 * and sent to IOM exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAttempts } from '../../drizzle/schema/index.ts';
import {
  createStack,
  orderNumbers,
  postOrders,
  Processes,
  waitUntil,
  type Stack,
} from '../helpers/resilience.ts';
import { assertNoFindings, checkExports, exportFacts, stateCounts } from '../helpers/resilienceChecks.ts';
import { useSimulator } from '../helpers/simulator.ts';

const ORDERS = 1200;
const ENV = { SWITCHBOARD_EXPORT_CONCURRENCY: '4', SWITCHBOARD_EXPORT_POLL_MS: '50' };

describe('resilience: two servers and two workers on one database', () => {
  const sim = useSimulator({ faults: { latencyMs: 10 } });
  const processes = new Processes();
  let stack: Stack;

  beforeAll(async () => {
    stack = await createStack(sim());
  });
  afterAll(async () => {
    await processes.stopAll();
    await stack?.close();
  });

  it('takes orders on both servers and exports each exactly once', async () => {
    const started = Date.now();
    const [serverA, serverB, workerA, workerB] = await Promise.all([
      processes.server(stack, 'server-a', ENV),
      processes.server(stack, 'server-b', ENV),
      processes.worker(stack, 'worker-a', ENV),
      processes.worker(stack, 'worker-b', ENV),
    ]);
    const all = [serverA, serverB, workerA, workerB];
    const numbers = orderNumbers('M', ORDERS);

    // Half of the orders twice, once to each server at the same time: one export each, never a 5xx.
    const [answers, repeats] = await Promise.all([
      postOrders([serverA.baseUrl, serverB.baseUrl], stack.token, numbers, 12),
      postOrders(
        [serverB.baseUrl, serverA.baseUrl],
        stack.token,
        numbers.filter((_, i) => i % 2 === 0),
        4,
      ),
    ]);
    const bad = [...answers, ...repeats].filter((a) => a.status !== 202 && a.status !== 200);
    expect(
      bad.slice(0, 20).map((a) => `${a.number}: ${a.status} ${JSON.stringify(a.body)}`),
      `${bad.length} posts not answered 200/202`,
    ).toEqual([]);
    const posted = Date.now() - started;
    const created =
      answers.filter((a) => a.status === 202).length + repeats.filter((a) => a.status === 202).length;
    expect(created, 'one 202 per order, 200 for the repeat').toBe(ORDERS);

    await waitUntil(
      `all ${ORDERS} orders to be exported`,
      async () => ((await stateCounts(stack.database.db)).exported ?? 0) === ORDERS,
      60_000,
      async () => `States: ${JSON.stringify(await stateCounts(stack.database.db))}`,
    );

    const facts = await exportFacts(stack.database.db, sim());
    assertNoFindings(checkExports(facts, numbers), 'two servers and two workers');
    const once = numbers.filter((n) => facts.get(n)?.iom.posts !== 1 || facts.get(n)?.attempts !== 1);
    expect(
      once.slice(0, 20),
      `${once.length} orders sent to IOM more than once (no faults, no crash)`,
    ).toEqual([]);

    // All four exporters took part.
    const workers = new Set(
      (await stack.database.db.select({ worker: exportAttempts.worker }).from(exportAttempts)).map(
        (a) => a.worker,
      ),
    );
    expect(workers.size, 'exporters that made attempts').toBe(4);

    for (const p of all) expect(p.alive, `${p.name} died:\n${p.tail()}`).toBe(true);
    const errors = all.flatMap((p) =>
      p.lines.filter((l) => Number(l.level) >= 50).map((l) => `${p.name}: ${l.msg}`),
    );
    expect(errors, 'errors logged').toEqual([]);
    expect(await Promise.all(all.map((p) => p.kill('SIGTERM'))), 'all stop cleanly on SIGTERM').toEqual([
      0, 0, 0, 0,
    ]);
    console.info(
      `Two servers + two workers: ${ORDERS} orders (${repeats.length} posted twice) in ${Date.now() - started} ms, posting done after ${posted} ms`,
    );
  });
});
