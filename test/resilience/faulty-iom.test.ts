/**
 * An IOM that answers 30 % of requests with 500 and never answers 5 % (longer than the configured timeout).
 * Every order must end exported, or in a state a person can act on — escalated or failed with an error class
 * and message, or pending with a next attempt time — none left `in_progress`, none created twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const ORDERS = 1000;
const TIMEOUT_MS = 1000;
const ENV = {
  SWITCHBOARD_EXPORT_CONCURRENCY: '16',
  SWITCHBOARD_EXPORT_POLL_MS: '50',
  SWITCHBOARD_EXPORT_LEASE_SECONDS: '3',
};

describe('resilience: IOM with 30 % 500s and 5 % hangs', () => {
  const sim = useSimulator({ faults: { latencyMs: 5, errorRate: 0.3, hangRate: 0.05 } });
  const processes = new Processes();
  let stack: Stack;

  beforeAll(async () => {
    stack = await createStack(sim(), {
      timeoutMs: TIMEOUT_MS,
      settings: { maxAttempts: 5, escalationThreshold: 3, retryInitialDelaySeconds: 1 },
    });
  });
  afterAll(async () => {
    await processes.stopAll();
    await stack?.close();
  });

  it('ends every order exported or in a clear state, none stuck, none created twice', async () => {
    const started = Date.now();
    const [server, worker] = await Promise.all([
      processes.server(stack, 'server', ENV),
      processes.worker(stack, 'worker', ENV),
    ]);
    const numbers = orderNumbers('F', ORDERS);
    const answers = await postOrders([server.baseUrl], stack.token, numbers, 8);
    const bad = answers.filter((a) => a.status !== 202);
    expect(
      bad.slice(0, 20).map((a) => `${a.number}: ${a.status}`),
      `${bad.length} posts not taken`,
    ).toEqual([]);

    // Settled: nothing in flight and nothing due any more (exported, or out of automatic retries).
    const settled = async () => {
      const s = await stateCounts(stack.database.db);
      const facts = await exportFacts(stack.database.db, sim());
      const open = [...facts.values()].filter(
        (f) =>
          f.state === 'in_progress' ||
          ((f.state === 'pending' || f.state === 'escalated') && f.nextAttemptAt),
      );
      return (s.exported ?? 0) > 0 && open.length === 0;
    };
    await waitUntil('every export to settle', settled, 90_000, async () => {
      return `States: ${JSON.stringify(await stateCounts(stack.database.db))}`;
    });

    const facts = await exportFacts(stack.database.db, sim());
    assertNoFindings(checkExports(facts, numbers, { allowClearStates: true }), 'IOM with 500s and hangs');
    const states = await stateCounts(stack.database.db);
    expect(states.in_progress ?? 0, 'exports left in_progress').toBe(0);
    // The faults were met, and were retried: most orders still made it.
    const counts = sim().counts;
    expect(counts.faults.error, '500s answered').toBeGreaterThan(ORDERS * 0.2);
    expect(counts.faults.hang, 'hangs').toBeGreaterThan(ORDERS * 0.02);
    expect(states.exported ?? 0, `exported of ${ORDERS} (${JSON.stringify(states)})`).toBeGreaterThan(
      ORDERS * 0.95,
    );
    const timeouts = [...facts.values()].filter((f) => f.log.some((a) => a.errorClass === 'timeout')).length;
    expect(timeouts, 'exports that met a hang, classified as timeout').toBeGreaterThan(0);

    for (const p of [server, worker]) expect(p.alive, `${p.name} died:\n${p.tail()}`).toBe(true);
    expect(await Promise.all([server.kill('SIGTERM'), worker.kill('SIGTERM')])).toEqual([0, 0]);
    console.info(
      `Faulty IOM: ${ORDERS} orders → ${JSON.stringify(states)}; IOM faults ${JSON.stringify(counts.faults)}; ` +
        `${Date.now() - started} ms`,
    );
  });
});
