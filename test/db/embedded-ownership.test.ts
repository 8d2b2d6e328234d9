import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, channels } from '../../drizzle/schema/index.ts';
import { openDatabase } from '../../server/db/client.ts';
import { listUsers } from '../../server/users/queries.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { createPostgresDatabase, testTarget } from '../helpers/db.ts';
import { SwitchboardProcess } from '../helpers/resilience.ts';

/**
 * The embedded database belongs to one process: whoever holds DATA_DIR, every other `switchboard` process that
 * would open it stops at once (exit 2, nothing done), and its files are the owner's alone.
 */

const PASSWORD = 'a long enough password';
/** A refusal comes at once; the bound only keeps a command that would run on (as before) from hanging the test. */
const REFUSAL_WITHIN = 60_000;
const CHANNEL_FILE =
  'channels:\n  - id: lock-b2c\n    name: Lock B2C\n    iomShopId: 1\n    iomShopName: lock\n';
const work = mkdtempSync(path.join(tmpdir(), 'switchboard-owner-'));
const started: SwitchboardProcess[] = [];

function serve(env: Record<string, string>): SwitchboardProcess {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-client'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new SwitchboardProcess('serve', child);
  started.push(proc);
  return proc;
}

async function listening(proc: SwitchboardProcess): Promise<string> {
  return String((await proc.waitForLog('Switchboard is listening on', 90_000)).address);
}

/** Every entry under `dir` (itself included) whose mode gives group or other any right. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    const stats = lstatSync(entry);
    if (stats.mode & 0o077) found.push(`${entry} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(entry)) walk(path.join(entry, name));
  };
  walk(dir);
  return found;
}

const mode = (file: string) => lstatSync(file).mode & 0o777;

afterAll(async () => {
  await Promise.all(started.map((p) => p.kill('SIGKILL')));
});

describe.runIf(testTarget === 'pglite')('the embedded database', { timeout: 180_000 }, () => {
  const dataDir = path.join(work, 'data');
  const env = { DATA_DIR: dataDir };
  let server: SwitchboardProcess;
  let address: string;

  beforeAll(async () => {
    // Left open by an earlier version or by hand: the start must take these rights away and say so.
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    writeFileSync(path.join(dataDir, 'notes.txt'), 'open to all');
    chmodSync(path.join(dataDir, 'notes.txt'), 0o666);
    server = serve(env);
    address = await listening(server);
  }, 120_000);

  it('keeps DATA_DIR, its database and its key private to the owner, and says what it fixed', () => {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'secret.key'))).toBe(0o600);
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(openToOthers(dataDir)).toEqual([]);
    const fixed = server.logged('Removed group/other access');
    expect(fixed).toHaveLength(1);
    expect(fixed[0]?.msg).toContain(`from 2 entries under ${dataDir}`);
  });

  it('refuses CLI writes while the server holds it: exit 2, the holder named, nothing claimed', async () => {
    writeFileSync(path.join(work, 'channels.yaml'), CHANNEL_FILE);
    const results = await Promise.all([
      runCli(['user', 'create', '--email', 'late@example.com', '--role', 'support', '--password-stdin'], {
        env,
        stdin: PASSWORD,
        timeoutMs: REFUSAL_WITHIN,
      }),
      runCli(['token', 'create', '--name', 'late token', '--channels', 'lock-b2c'], {
        env,
        timeoutMs: REFUSAL_WITHIN,
      }),
      runCli(['provision', 'apply', path.join(work, 'channels.yaml')], { env, timeoutMs: REFUSAL_WITHIN }),
    ]);
    for (const result of results) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`in use by another Switchboard process (pid ${server.child.pid})`);
      expect(result.stderr).toContain('use the web UI');
      expect(result.stderr).toContain('PostgreSQL (DATABASE_URL)');
      expect(result.stderr).toContain('Nothing was done.');
    }
  });

  it('refuses a second server on the same DATA_DIR and a worker; the first one keeps serving', async () => {
    const [second, worker] = await Promise.all([
      runCli(['serve', '--no-client'], { env: { ...env, PORT: '0' }, timeoutMs: REFUSAL_WITHIN }),
      runCli(['worker'], { env, timeoutMs: REFUSAL_WITHIN }),
    ]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`(pid ${server.child.pid})`);
    expect(second.stdout).not.toContain('listening');
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('set DATABASE_URL');
    expect((await fetch(`${address}/readyz`)).status).toBe(200);
    expect(server.alive).toBe(true);
  });

  it('after the server stops, nothing the refused commands claimed is there and its own data is', async () => {
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(openToOthers(dataDir)).toEqual([]);
    const database = await openDatabase({ dataDir });
    try {
      const { data } = await listUsers(database.db, {});
      expect(data.map((u) => u.email)).toEqual(['admin@switchboard.local']);
      expect(await database.db.$count(apiTokens, eq(apiTokens.name, 'late token'))).toBe(0);
      expect(await database.db.$count(channels, eq(channels.id, 'lock-b2c'))).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('is not blocked by the lock of a server that was killed', async () => {
    const killed = serve(env);
    await listening(killed);
    await killed.kill('SIGKILL');
    const result = await runCli(
      ['user', 'create', '--email', 'after@example.com', '--role', 'support', '--password-stdin'],
      { env, stdin: PASSWORD, timeoutMs: 90_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created support after@example.com');
  });

  it('stops when its port is taken, before the database is created', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    const freshDir = path.join(work, 'never-opened');
    try {
      const result = await runCli(['serve', '--no-client'], {
        env: { DATA_DIR: freshDir, PORT: String(port), HOST: '127.0.0.1' },
        timeoutMs: REFUSAL_WITHIN,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is taken by another process`);
      expect(existsSync(freshDir)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe.runIf(testTarget === 'postgres')('on PostgreSQL', { timeout: 180_000 }, () => {
  it('the command line writes beside a running server, as before', async () => {
    const created = await createPostgresDatabase();
    try {
      const env = { DATABASE_URL: created.url, DATA_DIR: path.join(work, 'pg-data') };
      const server = serve(env);
      await listening(server);
      const result = await runCli(
        ['user', 'create', '--email', 'beside@example.com', '--role', 'support', '--password-stdin'],
        { env, stdin: PASSWORD, timeoutMs: 90_000 },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(await server.kill('SIGTERM')).toBe(0);
    } finally {
      await created.drop();
    }
  });
});
