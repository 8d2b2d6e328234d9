import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyProvisioning } from '../../server/provisioning/apply.ts';
import { ProvisioningError } from '../../server/provisioning/errors.ts';
import { exportProvisioning } from '../../server/provisioning/export.ts';
import { renderPlan } from '../../server/provisioning/render.ts';
import { testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fingerprint, stateTables } from '../helpers/fingerprint.ts';
import { mutationsOf } from '../helpers/zodArbitrary.ts';

/**
 * Provisioning files generated in the shape of the format (organizations with shared services, channels with
 * their services and switches), then mutated — one value replaced or removed, the text cut, broken or stuffed
 * with YAML features — and applied, for real and as a dry run. Either the plan comes back, or a
 * ProvisioningError whose every problem names a path; nothing else may be thrown. A refused file and a dry
 * run change nothing stored.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ENV = { IOM_PASSWORD: 'iom secret 1', EMPTY: '', USER: 'consumer_ws' };

const ids = fc.constantFrom('inspired-b2c', 'inspired-b2b', 'outlet', 'Shop.1', 'x');
const orgIds = fc.constantFrom('default', 'emea', 'intronics');
const endpoint = fc.constantFrom(
  'https://iom.example.com/rest/order-service',
  'http://10.0.0.5:8080/servlets/services/',
  'https://iom.example.com/',
);
const password = fc.option(
  fc.constantFrom('${IOM_PASSWORD}', 'plain secret', '${EMPTY}', '${MISSING}', '$${X}'),
  {
    nil: undefined,
  },
);
const settingsOf: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'order-export': fc.record(
    {
      exportTrigger: fc.constantFrom('on-order-creation', 'on-order-approval', 'scheduled', 'manual'),
      scheduleIntervalMinutes: fc.integer({ min: 1, max: 1440 }),
      maxAttempts: fc.integer({ min: 1, max: 20 }),
      retryInitialDelaySeconds: fc.integer({ min: 1, max: 3600 }),
      escalationThreshold: fc.integer({ min: 1, max: 20 }),
    },
    { requiredKeys: [] },
  ),
  'order-history': fc.record({ cacheTtlSeconds: fc.integer({ min: 0, max: 3600 }) }, { requiredKeys: [] }),
  inventory: fc.record(
    {
      globalCache: fc.boolean(),
      availabilityCheckOnFailure: fc.boolean(),
      reservationType: fc.constantFrom('COMPLETE', 'PARTIAL'),
      reservationLifetimeSeconds: fc.integer({ min: 1, max: 86_400 }),
    },
    { requiredKeys: [] },
  ),
  rma: fc.constant({}),
};
const service = fc.constantFrom(...Object.keys(settingsOf)).chain((type) =>
  fc.record(
    {
      type: fc.constant(type),
      name: fc.string({ maxLength: 20 }),
      endpoint,
      username: fc.constantFrom('consumer_ws', '${USER}', ''),
      password,
      active: fc.boolean(),
      timeoutMs: fc.integer({ min: 500, max: 120_000 }),
      settings: settingsOf[type] as fc.Arbitrary<Record<string, unknown>>,
    },
    { requiredKeys: ['type', 'endpoint', 'active'] },
  ),
);
const channel = fc.record(
  {
    id: ids,
    name: fc.constantFrom('inSPIRED B2C', 'Outlet', 'ü'.repeat(5)),
    iomShopId: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(9223372036854775807n)),
    iomShopName: fc.constantFrom('inTRONICS', 'B2B'),
    organization: orgIds,
    services: fc.uniqueArray(service, { maxLength: 2, selector: (s) => s.type }),
    activations: fc.dictionary(fc.constantFrom('order-export', 'inventory'), fc.boolean(), { maxKeys: 2 }),
  },
  { requiredKeys: ['id', 'name', 'iomShopId', 'iomShopName'] },
);
const organization = fc.record({
  id: fc.constantFrom('emea', 'intronics'),
  name: fc.constantFrom('EMEA', 'inTRONICS'),
  services: fc.uniqueArray(
    fc
      .tuple(service, fc.constantFrom('unshared', 'shared-active', 'shared-inactive', 'shared-mandatory'))
      .map(([s, sharing]) => ({ ...s, sharing })),
    { maxLength: 2, selector: (s) => s.type },
  ),
});
const document = fc.record(
  {
    organizations: fc.uniqueArray(organization, { maxLength: 2, selector: (o) => o.id }),
    channels: fc.uniqueArray(channel, { maxLength: 3, selector: (c) => c.id }),
  },
  { requiredKeys: ['channels'] },
);

const toText = (value: unknown, json: boolean) =>
  json
    ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)
    : stringify(value);

/** Text-level damage: what a hand-edited file or a hostile one holds. */
const textMutation = fc.oneof(
  fc.constant((t: string) => t),
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        '\t',
        ':',
        '- ',
        '{',
        '"',
        "'",
        '&a ',
        '*a',
        '!!binary ',
        '? ',
        '%YAML 1.1\n',
        '\u0000',
        '${',
      ),
    )
    .map(
      ([n, s]) =>
        (t: string) =>
          t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1)),
    ),
  fc.constantFrom(
    () =>
      'a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\nchannels: []',
    () => 'channels: !!js/function "function(){}"',
    () => 'channels:\n  - &c {id: a, name: A, iomShopId: 1, iomShopName: s}\n  - *c',
    () => 'channels:\n  - <<: {id: a, name: A, iomShopId: 1, iomShopName: s}\n',
    () => 'channels: []\nchannels: []',
    () => '---\nchannels: []\n---\nchannels: []',
    () => '',
    () => '[]',
    () => 'null',
    () => 'channels: [' + '['.repeat(2000) + ']'.repeat(2000) + ']',
    () => '{"channels": [{"id": "a", "__proto__": {"polluted": 1}}]}',
    () => `channels:\n  - id: ${'x'.repeat(5000)}\n`,
  ),
);

const file = fc
  .tuple(fc.oneof(document, mutationsOf(document)), fc.boolean(), textMutation, fc.boolean())
  .map(([doc, json, mutate, dryRun]) => ({ text: mutate(toText(doc, json)), json, dryRun }));

let tdb: TestDatabase;
let tables: string[];
beforeAll(async () => {
  tdb = await createTestDatabase();
  tables = await stateTables(tdb.db);
});
afterAll(() => tdb.close());

const outcomes = new Map<string, number>();

describe('provisioning under generated and mutated files', () => {
  it('apply and dry run give a plan or a ProvisioningError with paths; refusals and dry runs change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(file, async ({ text, json, dryRun }) => {
        const before = await fingerprint(tdb.db, tables);
        let outcome: string;
        try {
          const plan = await applyProvisioning(tdb.db, testSecrets, text, {
            env: ENV,
            dryRun,
            filename: json ? 'switchboard.json' : 'switchboard.yaml',
          });
          expect(typeof renderPlan(plan)).toBe('string');
          outcome = dryRun ? 'dry-run' : 'applied';
        } catch (error) {
          if (!(error instanceof ProvisioningError))
            throw new Error(`${String(error)} for file:\n${text.slice(0, 1500)}`, { cause: error });
          expect(error.problems.length).toBeGreaterThan(0);
          for (const p of error.problems) {
            expect(p.path, text.slice(0, 500)).toMatch(/\S/);
            expect(p.message, text.slice(0, 500)).toMatch(/\S/);
          }
          expect(error.message).not.toContain(ENV.IOM_PASSWORD);
          outcome = 'refused';
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (outcome !== 'applied')
          expect(await fingerprint(tdb.db, tables), `${outcome} changed data`).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS * 6, endOnFailure: true },
    );
    // Enough files got through to test more than the parser.
    expect(outcomes.get('refused') ?? 0).toBeGreaterThan(0);
    expect((outcomes.get('applied') ?? 0) + (outcomes.get('dry-run') ?? 0)).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    ['an alias without its anchor', 'channels:\n  - *missing\n'],
    ['an alias inside a value', 'channels: [{id: a, name: *a, iomShopId: 1, iomShopName: s}]'],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `${'bcdefg'[i]}: &${'bcdefg'[i]} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`).join('\n')}\nchannels: []`,
    ],
  ])('%s is refused as a problem of the file', async (_what, text) => {
    const before = await fingerprint(tdb.db, tables);
    const error = await applyProvisioning(tdb.db, testSecrets, text, { env: ENV }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect((error as ProvisioningError).problems[0]?.path).toBe('(file)');
    expect(await fingerprint(tdb.db, tables)).toBe(before);
  });

  it('the export of whatever was applied applies again without a change', async () => {
    const exported = await exportProvisioning(tdb.db);
    const before = await fingerprint(tdb.db, tables);
    await applyProvisioning(tdb.db, testSecrets, exported, { env: ENV });
    expect(await fingerprint(tdb.db, tables)).toBe(before);
  });
});
