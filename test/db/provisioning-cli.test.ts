import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import { sha256 } from '../../server/auth/tokens.ts';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { secretContext } from '../../server/services/commands.ts';
import { runCli } from '../helpers/cli.ts';
import { createPostgresDatabase, testTarget } from '../helpers/db.ts';

/** The CLI gets its database as a user gives it (DATABASE_URL, or DATA_DIR), and a fixed secret key. */
const key = randomBytes(32);
const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-provision-'));
let env: Record<string, string>;
let drop: () => Promise<void> = () => Promise.resolve();
beforeAll(async () => {
  const base = { SWITCHBOARD_SECRET_KEY: key.toString('base64') };
  if (testTarget === 'postgres') {
    const created = await createPostgresDatabase();
    env = { ...base, DATABASE_URL: created.url };
    drop = created.drop;
  } else {
    env = { ...base, DATA_DIR: path.join(dir, 'data') };
  }
});
afterAll(() => drop());

async function inDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const PASSWORD = 'cli iom password 42';

const FILE = `channels:
  - id: inspired-b2c
    name: inSPIRED inTRONICS B2C
    iomShopId: 10000
    iomShopName: inTRONICS
    services:
      - type: order-export
        endpoint: https://iom.example.com/rest/order-service
        username: consumer_ws
        password: \${IOM_PASSWORD}
        active: true
        settings: { exportTrigger: on-order-creation, maxAttempts: 8, retryInitialDelaySeconds: 30 }
  - id: inspired-b2b
    name: inSPIRED inTRONICS B2B
    iomShopId: 10001
    iomShopName: inTRONICS-B2B
`;

/** Each run starts a process that opens (and on first use creates) the database: slow on the embedded one. */
describe('switchboard provision and token', { timeout: 120_000 }, () => {
  it('prints the diff on --dry-run and changes nothing', async () => {
    const result = await runCli(['provision', 'apply', file('dry.yaml', FILE), '--dry-run'], {
      env: { ...env, IOM_PASSWORD: PASSWORD },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+ channel inspired-b2c\n');
    expect(result.stdout).toContain('+ inspired-b2c/order-export\n');
    expect(result.stdout).toContain('    password: (set)\n');
    expect(result.stdout).toContain('3 to create, 0 to change, 0 unchanged\nDry run: nothing was changed.\n');
    expect(result.stdout).not.toContain(PASSWORD);
    expect(await inDatabase((db) => db.$count(channels))).toBe(0);
  });

  it('applies a file with the password from the environment, then finds nothing to change', async () => {
    const target = file('apply.yaml', FILE);
    const first = await runCli(['provision', 'apply', target], { env: { ...env, IOM_PASSWORD: PASSWORD } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 to create, 0 to change, 0 unchanged\nApplied\.\n$/);
    const stored = await inDatabase(async (db) => (await db.select().from(serviceConfigs))[0]);
    expect(stored?.passwordEncrypted).not.toContain(PASSWORD);
    expect(
      createSecretBox(key).decrypt(stored?.passwordEncrypted ?? '', secretContext(stored?.id ?? '')),
    ).toBe(PASSWORD);
    expect(stored?.provisionedAt).toBeInstanceOf(Date);

    const second = await runCli(['provision', 'apply', target], { env: { ...env, IOM_PASSWORD: PASSWORD } });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      '= inspired-b2c (unchanged)\n= inspired-b2b (unchanged)\n0 to create, 0 to change, 3 unchanged\nNothing to change.\n',
    );
  });

  it('refuses to start with a key that does not open the stored passwords (exit 2)', async () => {
    const target = file('key.yaml', FILE);
    const applied = await runCli(['provision', 'apply', target], { env: { ...env, IOM_PASSWORD: PASSWORD } });
    expect(applied.code).toBe(0);
    const wrongKey = { ...env, SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64') };
    const serve = await runCli(['serve', '--no-client'], {
      env: { ...wrongKey, PORT: '0', LOG_LEVEL: 'silent' },
      timeoutMs: 60_000,
    });
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/SWITCHBOARD_SECRET_KEY: the key .* does not decrypt the stored IOM credentials/);
  });

  it('refuses a bad file with exit 2, one problem per line with its path, and applies nothing', async () => {
    const bad = FILE.replace('retryInitialDelaySeconds: 30', 'retryInitialDelaySeconds: 0').replace(
      'iomShopName: inTRONICS-B2B',
      'iomShopName: inTRONICS-B2B\n    colour: blue',
    );
    const before = await inDatabase((db) => db.select().from(serviceConfigs));
    const result = await runCli(['provision', 'apply', file('bad.yaml', bad)], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/bad\.yaml: 3 problems, nothing was applied:$/);
    expect(lines.slice(1)).toEqual([
      'channels[0].services[0].password: ${IOM_PASSWORD} is not set in the environment',
      'channels[0].services[0].settings.retryInitialDelaySeconds: The initial retry delay must be at least 1 seconds.',
      expect.stringMatching(/^channels\[1\]\.colour: Unknown key/) as string,
    ]);
    expect(await inDatabase((db) => db.select().from(serviceConfigs))).toEqual(before);

    const syntax = await runCli(
      ['provision', 'apply', file('syntax.yaml', 'channels:\n  - id: a\n    name: a: b\n')],
      { env },
    );
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('line 3, column 11: YAML syntax error');

    const missing = await runCli(['provision', 'apply', path.join(dir, 'no-such-file.yaml')], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('exports the configuration as YAML, to standard output or a file, without passwords', async () => {
    const result = await runCli(['provision', 'export'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  - id: inspired-b2b\n');
    expect(result.stdout).toContain('      - type: order-export\n');
    expect(result.stdout).toContain('          maxAttempts: 8\n');
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).not.toMatch(/^\s+password:/m);

    const output = path.join(dir, 'export.yaml');
    const toFile = await runCli(['provision', 'export', '--output', output], { env });
    expect(toFile.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(result.stdout);
    const again = await runCli(['provision', 'apply', output], { env });
    expect(again.code).toBe(0);
    // The export holds the default organization as well.
    expect(result.stdout).toContain('organizations:\n  - id: default\n');
    expect(result.stdout).toContain('    organization: default\n');
    expect(again.stdout).toContain('0 to create, 0 to change, 4 unchanged\n');
  });

  it('creates an API token and prints it once, on the first line', async () => {
    const result = await runCli(
      ['token', 'create', '--name', 'ICM production', '--channels', 'inspired-b2c, inspired-b2b'],
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [token, note] = result.stdout.split('\n');
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{20,}$/);
    expect(note).toContain('shown only now');
    const [row] = await inDatabase((db) =>
      db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, sha256(token ?? ''))),
    );
    expect(row).toMatchObject({ name: 'ICM production', channelIds: ['inspired-b2b', 'inspired-b2c'] });

    const unknown = await runCli(['token', 'create', '--name', 'x', '--channels', 'inspired-b2c,nope'], {
      env,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown channel(s): nope');
    const noName = await runCli(['token', 'create', '--channels', 'inspired-b2c'], { env });
    expect(noName.code).toBe(2);
    expect(await inDatabase((db) => db.$count(apiTokens))).toBe(1);
  });
});
