import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { listUsers } from '../../server/users/queries.ts';
import { ensureChannels } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { createPostgresDatabase, testTarget } from '../helpers/db.ts';

/** The CLI gets its database the way a user gives it: DATABASE_URL, or DATA_DIR for the embedded one. */
let env: Record<string, string>;
let drop: () => Promise<void> = () => Promise.resolve();
beforeAll(async () => {
  if (testTarget === 'postgres') {
    const created = await createPostgresDatabase();
    env = { DATABASE_URL: created.url };
    drop = created.drop;
  } else {
    env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'switchboard-cli-')) };
  }
});
afterAll(() => drop());

describe('switchboard CLI', () => {
  it('migrates, then reports the database up to date', async () => {
    const first = await runCli(['migrate'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    const second = await runCli(['migrate'], { env });
    expect(second.stdout).toContain('up to date');
  });

  it('creates a user with the password from standard input', async () => {
    const setup = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    await ensureChannels(setup.db, ['b2c', 'b2b']);
    await setup.close();
    const result = await runCli(
      [
        'user',
        'create',
        '--email',
        'Cm@Example.com',
        '--role',
        'channel_manager',
        '--channels',
        'b2c, b2b',
        '--password-stdin',
      ],
      { env, stdin: 'a password from stdin\n' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created channel_manager cm@example.com');
    const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const { data } = await listUsers(database.db, { filter: { q: 'cm@example.com' } });
      expect(data[0]).toMatchObject({ role: 'channel_manager', channels: ['b2b', 'b2c'] });
    } finally {
      await database.close();
    }
  });

  it.each([
    [['--role', 'root'], 'a long enough password', /role: Choose one of the roles/],
    [['--role', 'support'], 'short', /password: Use at least 12 characters/],
    [
      ['--role', 'channel_manager'],
      'a long enough password',
      /channels: A channel manager needs at least one channel/,
    ],
  ])('refuses bad input %j with exit 2 and one clear line', async (flags, password, message) => {
    const result = await runCli(
      ['user', 'create', '--email', 'x@example.com', ...flags, '--password-stdin'],
      { env, stdin: password },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a duplicate user, a missing --password-stdin and an unknown command with exit 2', async () => {
    const dup = await runCli(
      ['user', 'create', '--email', 'cm@example.com', '--role', 'support', '--password-stdin'],
      {
        env,
        stdin: 'a long enough password',
      },
    );
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('already has an account');
    const noStdin = await runCli(['user', 'create', '--email', 'y@example.com', '--role', 'support'], {
      env,
    });
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain('--password-stdin');
    const unknown = await runCli(['frobnicate'], { env });
    expect(unknown.code).toBe(2);
  });

  it('stops at start on a bad environment value, naming the variable', async () => {
    const result = await runCli(['serve'], { env: { ...env, PORT: 'eighty', LOG_LEVEL: 'loud' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT="eighty"');
    expect(result.stderr).toContain('LOG_LEVEL="loud"');
  });
});
