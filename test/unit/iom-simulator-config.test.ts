import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/errors.ts';
import {
  registerIomSimulator,
  resolveCliOptions,
  SimulatorConfigError,
  startIomSimulator,
  type IomSimulator,
  type SimulatorOptions,
} from '../../server/iom-simulator/index.ts';
import { basic, get } from '../helpers/simulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'iom-simulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function refusedFields(options: SimulatorOptions): Promise<string[]> {
  const error: unknown = await startIomSimulator(options).then(
    async (sim) => {
      await sim.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SimulatorConfigError);
  return (error as SimulatorConfigError).problems.map((p) => p.field);
}

const YAML_CONFIG = `# a demo set-up
shops:
  - id: 20000
    name: inSPIRED
  - id: 20001
    name: inSPIRED B2B
users:
  - username: demo_ws
    password: "s3cret:with:colons"
    shops: [inSPIRED]
faults:
  latencyMs: 1
  seed: 5
`;

describe('IOM simulator configuration', () => {
  it('refuses invalid settings, naming each field', async () => {
    expect(
      await refusedFields({
        shops: [
          { id: 1, name: 'A' },
          { id: 1, name: 'A' },
        ],
      }),
    ).toEqual(['shops.1.id', 'shops.1.name']);
    expect(
      await refusedFields({ users: [{ username: 'a:b', password: 'x', shops: [42, 'Nowhere'] }] }),
    ).toEqual(['users.0.username', 'users.0.shops.0', 'users.0.shops.1']);
    expect(
      await refusedFields({ port: 70000, faults: { errorRate: 1.5 }, tls: { validityDays: 0 } }),
    ).toEqual(['port', 'faults.errorRate', 'tls.validityDays']);
    expect(await refusedFields({ colour: 'blue' } as SimulatorOptions)).toEqual(['']);
  });

  it('reads a YAML config file; flags win over it', async () => {
    const options = await resolveCliOptions({
      config: file('sim.yaml', YAML_CONFIG),
      port: '0',
      errorEvery: '2',
    });
    expect(options.faults).toEqual({ latencyMs: 1, seed: 5, errorEveryNth: 2 });
    const sim = await startIomSimulator(options);
    try {
      expect(sim.shops.map((s) => s.id)).toEqual([20000, 20001]);
      const auth = basic('demo_ws', 's3cret:with:colons');
      expect((await get(`${sim.endpoints.rma}/shops/inSPIRED/return-reasons`, auth)).status).toBe(200);
      expect((await get(`${sim.endpoints.rma}/shops/inSPIRED%20B2B/return-reasons`, auth)).status).toBe(500);
      expect((await get(`${sim.endpoints.rma}/shops/inSPIRED%20B2B/return-reasons`, auth)).status).toBe(403);
    } finally {
      await sim.close();
    }
  });

  it('reads a JSON config file and reports a broken one clearly', async () => {
    const json = file('sim.json', JSON.stringify({ port: 0, tls: { validityDays: 20, keyType: 'ec' } }));
    const options = await resolveCliOptions({ config: json, port: '0', tlsValidityDays: '12' });
    expect(options.tls).toEqual({ validityDays: 12, keyType: 'ec' });
    await expect(resolveCliOptions({ config: file('bad.json', '{"port": ') })).rejects.toThrow(
      /bad\.json is not valid/,
    );
    await expect(resolveCliOptions({ config: file('list.yaml', '- 1\n- 2\n') })).rejects.toThrow(
      /must hold an object/,
    );
    await expect(resolveCliOptions({ config: join(dir, 'missing.yaml') })).rejects.toThrow(/cannot read/);
  });
});

describe('switchboard iom-simulator', () => {
  function program(output: string[], onStart: (sim: IomSimulator) => Promise<void>): Command {
    const root = new Command('switchboard').exitOverride();
    registerIomSimulator(root, { write: (text) => output.push(text), untilStopped: onStart });
    return root;
  }

  it('prints where it listens, its shops and users, and runs until stopped', async () => {
    const output: string[] = [];
    let healthStatus = 0;
    await program(output, async (sim) => {
      healthStatus = (await get(sim.endpoints.health, null)).status;
    }).parseAsync(['node', 'switchboard', 'iom-simulator', '--port', '0', '--latency', '1', '--seed', '3']);
    const text = output.join('');
    expect(healthStatus).toBe(200);
    expect(text).toMatch(/IOM simulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(text).toMatch(/10000 +inTRONICS\n/);
    expect(text).toMatch(/consumer_ws \/ consumer_ws +shops: all/);
    expect(text).toMatch(/b2c_ws \/ b2c_ws +shops: 10000/);
    expect(text).toMatch(/order-export, order-history +http:\/\/127\.0\.0\.1:\d+\/rest\/order-service\n/);
    expect(text).toContain('Faults: latencyMs=1\n');
    expect(text).toContain('IOM: Order API 2.0 (order create and order-states), as its contract documents\n');
    expect(text.endsWith('IOM simulator stopped.\n')).toBe(true);
  });

  it('plays another Order API, and adds conveniences only when a flag asks for them', async () => {
    const output: string[] = [];
    let seen: { orderApi: string; getOrder: unknown; modified: unknown } | null = null;
    await program(output, async (sim) => {
      const shop = `${sim.endpoints.orderService}/shops/10000`;
      const auth = basic('consumer_ws', 'consumer_ws');
      // With --error-bodies the 404s say which: an unknown order, or no such endpoint.
      const code = async (url: string) =>
        ((await (await get(url, auth)).json()) as { errors: { code: string }[] }).errors[0]?.code;
      seen = {
        orderApi: sim.dialect.orderApi,
        getOrder: await code(`${shop}/orders/X`),
        modified: await code(`${shop}/order-states/modified?minCursor=0`),
      };
    }).parseAsync([
      'node',
      'switchboard',
      'iom-simulator',
      '--port',
      '0',
      '--order-api',
      '2.2',
      '--duplicate-code',
      '--error-bodies',
      '--create-answer',
      'no-content',
    ]);
    // 2.2: GET …/orders/{n} exists, order-states/modified does not.
    expect(seen).toEqual({ orderApi: '2.2', getOrder: 'ORDER_NOT_FOUND', modified: 'NOT_FOUND' });
    const text = output.join('');
    expect(text).toContain(
      'IOM: Order API 2.2 (order create, order-states and GET …/orders/{n}), with duplicateCode, errorBodies',
    );
    expect(text).toContain('Faults: createAnswer="no-content"');
    const options = await resolveCliOptions({ port: '0', orderApi: '2.4', lenientQueries: true });
    expect(options).toMatchObject({ orderApi: '2.4', lenientQueries: true });
    expect(options).not.toHaveProperty('duplicateCode');
    await expect(startIomSimulator({ orderApi: '3.0' } as unknown as SimulatorOptions)).rejects.toThrow(
      /orderApi/,
    );
  });

  it('prints the certificate fingerprint with --tls', async () => {
    const output: string[] = [];
    let fingerprint = '';
    await program(output, (sim) => {
      fingerprint = sim.certificateSha256 ?? '';
      return Promise.resolve();
    }).parseAsync([
      'node',
      'switchboard',
      'iom-simulator',
      '--port',
      '0',
      '--tls',
      '--tls-validity-days',
      '3',
    ]);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(output.join('')).toContain(`SHA-256 ${fingerprint}`);
  });

  it('refuses a bad flag with an error that names it', async () => {
    const run = program([], () => Promise.resolve()).parseAsync([
      'node',
      'switchboard',
      'iom-simulator',
      '--port',
      '0',
      '--error-rate',
      'lots',
    ]);
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(run).rejects.toThrow(/faults\.errorRate/);
  });

  it('says so when the port is taken', async () => {
    const taken = await startIomSimulator();
    try {
      const run = program([], () => Promise.resolve()).parseAsync([
        'node',
        'switchboard',
        'iom-simulator',
        '--port',
        String(taken.port),
      ]);
      await expect(run).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await taken.close();
    }
  });
});
