import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { BIN } from '../test/helpers/cli.ts';
import { table, writeSection, type Row } from './lib.ts';

const RUNS = 5;

/** Milliseconds from spawning `switchboard serve` to the first 200 from /readyz. */
async function timeToReady(env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--no-client'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'benchmark admin password',
      ...env,
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error('server did not become ready within 60 s');
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function series(
  label: string,
  fresh: () => Promise<{ env: Record<string, string>; done: () => Promise<void> }>,
): Promise<Row[]> {
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < RUNS + 1; i += 1) {
    const target = await fresh();
    try {
      const a = await timeToReady(target.env, 39_000 + i);
      const b = await timeToReady(target.env, 39_100 + i);
      if (i > 0) {
        first.push(Math.round(a));
        again.push(Math.round(b));
      }
    } finally {
      await target.done();
    }
  }
  return [
    { name: `${label}: first start (creates and migrates the database)`, unit: 'ms', values: first },
    { name: `${label}: later start`, unit: 'ms', values: again },
  ];
}

export async function run(): Promise<string> {
  const rows = await series('PGlite (embedded)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
    const done = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
    return Promise.resolve({ env: { DATA_DIR: dir }, done });
  });
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    process.env.TEST_DATABASE_URL = url;
    rows.push(
      ...(await series('PostgreSQL', async () => {
        const db = await createPostgresDatabase();
        return { env: { DATABASE_URL: db.url }, done: db.drop };
      })),
    );
  }
  const body = `Cold start: time from spawning \`switchboard serve\` to the first \`200\` from \`/readyz\` (one warm-up, then ${RUNS} counted runs).${url ? '' : '\nPostgreSQL was not measured: set DATABASE_URL or TEST_DATABASE_URL.'}\n\n${table(rows)}\n`;
  writeSection('startup', 'Cold start to ready', body);
  return table(rows);
}
