import { Agent, request } from 'undici';
import { startIomSimulator } from '../server/iom-simulator/index.ts';
import { sampleOrder } from '../server/iom-simulator/sampleOrder.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/clientBuild.ts';
import { CHANNEL, createStack, sleep } from '../test/helpers/resilience.ts';
import { median, table, writeSection, type Row } from './lib.ts';

const CONNECTIONS = 32;
const SECONDS = 5;
const RUNS = 3;

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * A closed-loop load (like autocannon): `CONNECTIONS` keep-alive connections, each sending its next request as
 * soon as the last one is answered, for `SECONDS`. A non-2xx answer counts as an error.
 */
async function load(send: (agent: Agent, n: number) => Promise<number>): Promise<Load> {
  const agent = new Agent({ connections: CONNECTIONS, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await send(agent, (counter += 1));
        latencies.push(performance.now() - t0);
        if (status < 200 || status >= 300) errors += 1;
      }
    }),
  );
  await agent.close();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Math.round(latencies.length / SECONDS),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `switchboard serve` logging warnings only (no line per request), resolved once /readyz answers 200. */
async function startServer(env: Record<string, string>): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin/switchboard.mjs'), 'serve', '--no-client'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`switchboard serve exited with ${child.exitCode}`);
    const ready = await request(`${baseUrl}/readyz`).then(
      async (res) => (await res.body.dump(), res.statusCode === 200),
      () => false,
    );
    if (ready) return { baseUrl, child };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('switchboard serve was not ready within 30 s');
}

/**
 * Intake API requests per second over HTTP (`POST /api/v1/channels/{id}/orders` with a token, each a new
 * order stored in PostgreSQL) against a `switchboard serve` process, next to `GET /healthz` on the same server
 * with the same load: what the intake costs beyond the HTTP stack.
 */
export async function run(): Promise<string> {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    const note = 'Skipped: the intake benchmark needs PostgreSQL (set DATABASE_URL or TEST_DATABASE_URL).';
    writeSection('intake-http', 'Intake API over HTTP', note);
    return note;
  }
  process.env.TEST_DATABASE_URL = base;
  const sim = await startIomSimulator();
  const stack = await createStack(sim);
  let child: ChildProcess | null = null;
  try {
    // The exporter stays off: this measures taking orders in, not sending them on.
    const server = await startServer({
      DATABASE_URL: stack.url,
      SWITCHBOARD_SECRET_KEY: stack.key,
      SWITCHBOARD_EXPORT_WORKER: 'off',
    });
    child = server.child;
    const bodies = new Map<number, string>();
    const intake = async (agent: Agent, n: number) => {
      const body = bodies.get(n % 1000) ?? JSON.stringify(sampleOrder('TEMPLATE'));
      bodies.set(n % 1000, body);
      const number = `I-${process.pid}-${Date.now()}-${n}`;
      const res = await request(`${server.baseUrl}/api/v1/channels/${CHANNEL}/orders`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: body.replace('"TEMPLATE"', JSON.stringify(number)),
      });
      await res.body.dump();
      return res.statusCode;
    };
    const healthz = async (agent: Agent) => {
      const res = await request(`${server.baseUrl}/healthz`, { dispatcher: agent });
      await res.body.dump();
      return res.statusCode;
    };
    const runs = { intake: [] as Load[], healthz: [] as Load[] };
    for (let i = 0; i <= RUNS; i += 1) {
      // Run 0 warms both up and is not counted.
      const h = await load(healthz);
      const o = await load(intake);
      if (i > 0) {
        runs.healthz.push(h);
        runs.intake.push(o);
      }
    }
    const errors =
      runs.intake.reduce((s, r) => s + r.errors, 0) + runs.healthz.reduce((s, r) => s + r.errors, 0);
    const ratio = median(runs.intake.map((r) => r.perSecond)) / median(runs.healthz.map((r) => r.perSecond));
    const rows: Row[] = [
      { name: 'GET /healthz', unit: 'req/s', values: runs.healthz.map((r) => r.perSecond) },
      {
        name: 'POST …/orders (intake, new order each)',
        unit: 'req/s',
        values: runs.intake.map((r) => r.perSecond),
        note: `ratio to /healthz ${ratio.toFixed(3)}`,
      },
      { name: 'GET /healthz p50 latency', unit: 'ms', values: runs.healthz.map((r) => r.p50) },
      { name: 'intake p50 latency', unit: 'ms', values: runs.intake.map((r) => r.p50) },
      { name: 'intake p99 latency', unit: 'ms', values: runs.intake.map((r) => r.p99) },
    ];
    const body =
      `A \`switchboard serve\` process on PostgreSQL (exporter off), loaded from the benchmark process by ` +
      `${CONNECTIONS} keep-alive connections in a closed loop for ${SECONDS} s per run (one warm-up run, then ` +
      `${RUNS}). Each intake request posts a new IOM Order 2.x order (about 1.4 kB) with an API token: token check, ` +
      `validation, canonical hash, the channel's trigger, one insert. Non-2xx answers: ${errors}.\n\n${table(rows)}\n`;
    writeSection('intake-http', 'Intake API over HTTP', body);
    return table(rows);
  } finally {
    child?.kill('SIGKILL');
    await stack.close();
    await sim.close();
  }
}
