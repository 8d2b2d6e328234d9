/**
 * PostgreSQL down for 10 s under load. A private cluster (the shared one other suites use stays up) is stopped
 * with `pg_ctl stop -m immediate` while orders stream in, then started again. Meanwhile the API answers 503
 * with a clear JSON message, quickly; server and worker stay up, the exporters log that they pause and resume,
 * and afterwards every order (re-posted by the client when it got a 503, as ICM does) is exported exactly once.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../server/db/errors.ts';
import {
  ADMIN,
  createStack,
  postOrder,
  Processes,
  sleep,
  waitUntil,
  type IntakeAnswer,
  type Stack,
} from '../helpers/resilience.ts';
import { assertNoFindings, checkExports, exportFacts, stateCounts } from '../helpers/resilienceChecks.ts';
import { startPrivateCluster, type PrivateCluster } from '../helpers/resiliencePostgres.ts';
import { useSimulator } from '../helpers/simulator.ts';

const OUTAGE_MS = 10_000;
/** How long any answer may take while the database is down: a bounded wait, never a hang. */
const ANSWER_WITHIN_MS = 3000;
const EXPORTER_ENV = { SWITCHBOARD_EXPORT_POLL_MS: '50', SWITCHBOARD_EXPORT_LEASE_SECONDS: '20' };

interface Probe {
  what: string;
  status: number;
  ms: number;
  body: unknown;
}

async function probe(what: string, url: string, init: RequestInit = {}): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text, the assertion says so
    }
    return { what, status: response.status, ms: performance.now() - started, body };
  } catch (error) {
    return { what, status: 0, ms: performance.now() - started, body: String(error) };
  }
}

/** The message of a REST answer ({error, message}) or a tRPC error (superjson: {error: {json: {message}}}). */
function messageOf(body: unknown): string | undefined {
  const b = body as { message?: unknown; error?: { json?: { message?: unknown } } } | null;
  const message = b?.message ?? b?.error?.json?.message;
  return typeof message === 'string' ? message : undefined;
}

describe('resilience: PostgreSQL stopped for 10 s under load', () => {
  const sim = useSimulator({ faults: { latencyMs: 20 } });
  const processes = new Processes();
  let cluster: PrivateCluster;
  let stack: Stack;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe('create database switchboard');
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = '/switchboard';
    stack = await createStack(sim(), { url: url.toString() });
  });
  afterAll(async () => {
    await processes.stopAll();
    await stack?.close().catch(() => undefined);
    await cluster?.destroy();
  });

  it('answers 503 with a message, keeps its processes up, pauses and resumes, and loses nothing', async () => {
    const started = Date.now();
    const server = await processes.server(stack, 'server', EXPORTER_ENV);
    const worker = await processes.worker(stack, 'worker', EXPORTER_ENV);
    const base = server.baseUrl;

    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: ADMIN }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    // ICM's side: three lanes post orders until told to stop; what is not taken is posted again later.
    const answers: IntakeAnswer[] = [];
    const accepted = new Set<string>();
    let next = 0;
    let loading = true;
    const lane = async () => {
      while (loading) {
        const number = `O-${String(next++).padStart(5, '0')}`;
        const answer = await postOrder(base, stack.token, number, 15_000);
        answers.push(answer);
        if (answer.status === 200 || answer.status === 202) accepted.add(number);
        await sleep(30);
      }
    };
    const load = Promise.all([lane(), lane(), lane()]);

    await sleep(3000);
    const outageStart = Date.now();
    await cluster.crash();
    const probes: Probe[] = [];
    while (Date.now() - outageStart < OUTAGE_MS - 1500) {
      probes.push(
        ...(await Promise.all([
          probe('intake POST', `${base}/api/v1/channels/b2c/orders`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${stack.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ shopOrderNumber: 'PROBE-1' }),
          }),
          probe('GET /readyz', `${base}/readyz`),
          probe('tRPC auth.me', `${base}/trpc/auth.me`, { headers: { cookie } }),
        ])),
      );
      await sleep(1000);
    }
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStart)));
    const processesDuringOutage = { server: server.alive, worker: worker.alive };
    await cluster.start();
    const outageEnd = Date.now();
    await waitUntil(
      '/readyz to answer 200 again',
      async () => (await probe('', `${base}/readyz`)).status === 200,
      20_000,
    );
    await sleep(2000);
    loading = false;
    await load;

    // What ICM does with a 503: send the order again.
    const numbers = [...new Set(answers.map((a) => a.number))];
    for (const number of numbers.filter((n) => !accepted.has(n))) {
      const again = await postOrder(base, stack.token, number);
      expect([200, 202], `re-posting ${number}: ${JSON.stringify(again.body)}`).toContain(again.status);
    }

    await waitUntil(
      `all ${numbers.length} orders to be exported`,
      async () => ((await stateCounts(stack.database.db)).exported ?? 0) === numbers.length,
      60_000,
      async () => `States: ${JSON.stringify(await stateCounts(stack.database.db))}`,
    );

    // During the outage: 503 with the message, within the bound; never a 500 or a hang.
    const wrong = probes.filter(
      (p) =>
        p.status !== 503 ||
        p.ms > ANSWER_WITHIN_MS ||
        !messageOf(p.body)?.includes('database is not reachable'),
    );
    expect(wrong, 'probes during the outage that were not a quick 503 with a message').toEqual([]);
    expect(probes.length).toBeGreaterThanOrEqual(3 * 5);
    expect(messageOf(probes.find((p) => p.what === 'intake POST')?.body)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    const loadStatuses = [...new Set(answers.map((a) => a.status))].sort();
    const refused = answers.filter((a) => a.status !== 200 && a.status !== 202);
    expect(
      refused.filter((a) => a.status !== 503 || a.ms > ANSWER_WITHIN_MS),
      'order posts refused otherwise than with a quick 503',
    ).toEqual([]);
    expect(refused.length, 'posts during the outage were refused with 503').toBeGreaterThan(0);

    // The processes lived through it; the exporters paused and resumed.
    expect(processesDuringOutage).toEqual({ server: true, worker: true });
    expect({ server: server.alive, worker: worker.alive }).toEqual({ server: true, worker: true });
    for (const p of [worker, server]) {
      const paused = p.logged('export worker pauses');
      const resumed = p.logged('export worker resumes');
      expect(paused.length, `${p.name} logs that it pauses:\n${p.tail()}`).toBeGreaterThanOrEqual(1);
      expect(resumed.length, `${p.name} logs that it resumes:\n${p.tail()}`).toBeGreaterThanOrEqual(1);
      // The bulk retry runner says so once rather than logging an error every second.
      expect(p.logged('bulk retry runner: claiming a job failed'), `${p.name}:\n${p.tail()}`).toEqual([]);
      expect(p.logged('bulk retry runner pauses').length, p.name).toBeLessThanOrEqual(2);
    }
    expect(server.logged('Unhandled').concat(worker.logged('Unhandled'))).toEqual([]);

    const facts = await exportFacts(stack.database.db, sim());
    assertNoFindings(checkExports(facts, numbers), 'after a 10 s database outage');

    const codes = await Promise.all([server.kill('SIGTERM'), worker.kill('SIGTERM')]);
    expect(codes, 'server and worker stop cleanly on SIGTERM').toEqual([0, 0]);
    const errors = [...server.lines, ...worker.lines].filter((l) => Number(l.level) >= 50).map((l) => l.msg);
    const errorCounts = Object.entries(
      errors.reduce<Record<string, number>>(
        (acc, m) => ({ ...acc, [String(m)]: (acc[String(m)] ?? 0) + 1 }),
        {},
      ),
    );
    console.info(
      `Errors logged while the database was down: ${JSON.stringify(errorCounts)}\n` +
        `Outage scenario: ${numbers.length} orders, ${refused.length} posts refused with 503 during ` +
        `${outageEnd - outageStart} ms down (statuses ${loadStatuses.join(', ')}), ${probes.length} probes, ` +
        `slowest probe ${Math.round(Math.max(...probes.map((p) => p.ms)))} ms, ${Date.now() - started} ms in all`,
    );
  });
});
