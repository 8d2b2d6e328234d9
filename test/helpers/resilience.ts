/**
 * The resilience suite's building blocks: real `switchboard serve` / `switchboard worker` processes on a fresh
 * PostgreSQL database, their JSON logs, order load through the intake API, and bounded waits that say what
 * they were waiting for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { IomSimulator } from '../../server/iom-simulator/index.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { BIN } from './cli.ts';
import { createPostgresDatabase } from './db.ts';
import { exportChannel } from './exports.ts';

export const CHANNEL = 'b2c';
export const ADMIN = { email: 'resilience@example.com', password: 'a resilience test password' };

/** A fresh, migrated PostgreSQL database with a channel on the simulator, an intake token and an admin. */
export interface Stack {
  url: string;
  database: Database;
  /** SWITCHBOARD_SECRET_KEY for every process (they must decrypt the channel's IOM password). */
  key: string;
  token: string;
  configId: string;
  close: () => Promise<void>;
}

export interface StackOptions {
  /** A server URL (e.g. a private cluster's); default: a new database on TEST_DATABASE_URL. */
  url?: string;
  settings?: Record<string, unknown>;
  /** The IOM call's timeout. */
  timeoutMs?: number;
}

export async function createStack(sim: IomSimulator, options: StackOptions = {}): Promise<Stack> {
  const created = options.url ? null : await createPostgresDatabase();
  const url = options.url ?? created?.url ?? '';
  const database = await openDatabase({ url, maxConnections: 4 });
  await migrate(database.db);
  const key = randomBytes(32);
  const configId = await exportChannel(database.db, sim, {
    id: CHANNEL,
    settings: options.settings ?? {},
    timeoutMs: options.timeoutMs ?? 5000,
    secrets: createSecretBox(key),
  });
  const { token } = await createToken(database.db, SYSTEM_ACTOR, { name: 'ICM load', channels: [CHANNEL] });
  await ensureFirstAdmin(database.db, ADMIN);
  return {
    url,
    database,
    key: key.toString('base64'),
    token,
    configId,
    close: async () => {
      await database.close();
      await created?.drop();
    },
  };
}

/** One log line of a Switchboard process (pino JSON), or the raw text when it is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string };

export class SwitchboardProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private text = '';
  private watchers: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const onData = (chunk: Buffer) => {
      this.text += chunk.toString();
      let nl: number;
      while ((nl = this.text.indexOf('\n')) >= 0) {
        const raw = this.text.slice(0, nl);
        this.text = this.text.slice(nl + 1);
        try {
          this.lines.push(JSON.parse(raw) as LogLine);
        } catch {
          this.lines.push({ msg: raw });
        }
      }
      for (const watch of this.watchers) watch();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => this.watchers.forEach((w) => w()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines whose message contains `text`. */
  logged(text: string): LogLine[] {
    return this.lines.filter((l) => typeof l.msg === 'string' && l.msg.includes(text));
  }

  /** Resolves with the first log line containing `text` (from the start of the log); fails after `ms`. */
  waitForLog(text: string, ms = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logged(text)[0];
        if (found) return done(() => resolve(found));
        if (!this.alive)
          done(() => reject(new Error(`${this.name} exited before logging "${text}":\n${this.tail()}`)));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`${this.name} did not log "${text}" within ${ms} ms:\n${this.tail()}`)),
          ),
        ms,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.watchers = this.watchers.filter((w) => w !== check);
        settle();
      };
      this.watchers.push(check);
      check();
    });
  }

  /** The last log lines, for failure messages. */
  tail(n = 15): string {
    return this.lines
      .slice(-n)
      .map((l) => JSON.stringify(l))
      .join('\n');
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
}

/** Processes started by a test file; `stopAll` in afterAll/afterEach leaves none behind. */
export class Processes {
  readonly all: SwitchboardProcess[] = [];

  private spawn(name: string, args: string[], env: Record<string, string>): SwitchboardProcess {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SWITCHBOARD_OUTBOUND_ALLOW: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = new SwitchboardProcess(name, child);
    this.all.push(proc);
    return proc;
  }

  /** `switchboard worker`, resolved once it claims; `workerId` is the id it leases exports under. */
  async worker(
    stack: Stack,
    name: string,
    env: Record<string, string> = {},
  ): Promise<SwitchboardProcess & { workerId: string }> {
    const proc = this.spawn(name, ['worker'], {
      DATABASE_URL: stack.url,
      SWITCHBOARD_SECRET_KEY: stack.key,
      ...env,
    });
    const started = await proc.waitForLog('export worker started');
    return Object.assign(proc, { workerId: String(started.worker) });
  }

  /** `switchboard serve --no-client` on a free port, resolved once it listens. */
  async server(
    stack: Stack,
    name: string,
    env: Record<string, string> = {},
  ): Promise<SwitchboardProcess & { baseUrl: string }> {
    const proc = this.spawn(name, ['serve', '--no-client'], {
      DATABASE_URL: stack.url,
      SWITCHBOARD_SECRET_KEY: stack.key,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    const listening = await proc.waitForLog('Switchboard is listening on');
    return Object.assign(proc, { baseUrl: String(listening.address) });
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.splice(0).map((p) => p.kill('SIGKILL')));
  }
}

export interface IntakeAnswer {
  number: string;
  status: number;
  body: Record<string, unknown> | null;
  ms: number;
}

/** POSTs one order as ICM does; a hang is cut off after `timeoutMs` and reported as status 0. */
export async function postOrder(
  baseUrl: string,
  token: string,
  number: string,
  timeoutMs = 10_000,
): Promise<IntakeAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/v1/channels/${CHANNEL}/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(sampleOrder(number)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { raw: text };
    }
    return { number, status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    return { number, status: 0, body: { error: String(error) }, ms: performance.now() - started };
  }
}

/** Posts every order with `concurrency` requests in flight, spread round-robin over the servers. */
export async function postOrders(
  baseUrls: string[],
  token: string,
  numbers: string[],
  concurrency = 8,
): Promise<IntakeAnswer[]> {
  const answers: IntakeAnswer[] = [];
  let next = 0;
  const lane = async () => {
    while (next < numbers.length) {
      const i = next++;
      answers.push(await postOrder(baseUrls[i % baseUrls.length] ?? '', token, numbers[i] ?? ''));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return answers;
}

export const orderNumbers = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true; on timeout the error says what was awaited and the last state seen. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  ms: number,
  describe: () => Promise<string> = () => Promise.resolve(''),
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until)
      throw new Error(`Timed out after ${ms} ms waiting for ${what}. ${await describe()}`);
    await sleep(200);
  }
}
