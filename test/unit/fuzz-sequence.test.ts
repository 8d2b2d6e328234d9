import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerSequence } from '../../server/cli/sequence.ts';
import { DomainError } from '../../server/errors.ts';
import { BIGINT_CEILING, computeSequence, parseSequencesInfo } from '../../shared/sequence/index.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * The sequence negotiation's inputs from the outside world — `switchboard sequence compute`'s argument vector
 * and `sequences-info.properties` files — generated at random and mutated from the real fixtures: every input
 * gives a result or a clear error, never an unexpected exception; a result obeys the rule.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const fixtures = fileURLToPath(new URL('../fixtures/sequences/', import.meta.url));
const FIXTURES = readdirSync(fixtures).map((name) => readFileSync(path.join(fixtures, name), 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-fuzz-sequence-'));

const number = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '0',
      '-1',
      '+5',
      '1e3',
      '0x10',
      '1.5',
      '1_000',
      '١٢٣',
      '0051',
      ' 51 ',
      '9223372036854775807',
      '9223372036854775808',
      '9'.repeat(400),
      'NaN',
      '51\n52',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A property file: a fixture with lines dropped, duplicated, changed or added; or text made up. */
const propertiesText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...FIXTURES),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('drop', 'dup', 'swap-digits', 'insert'),
          fc.oneof(
            fc.constantFrom(
              '#intershop.sequence.blockSize = 0',
              '#intershop.sequence.blockSize = -5',
              '#intershop.sequence.startsWith = 99999999999999999999999',
              '#intershop.sequence.startsWith=',
              'intershop.sequence.startWith: 7',
              '# Largest last_number is: Nope - x',
              'SEQUENCE_NAME LAST_NUMBER INCREMENT_BY',
              '#,LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME,DOMAIN_SPECIFIC,DOMAINNAME,IDENTIFIER',
              '#,51,10,SQ_,TRUE,inSPIRED-inTRONICS,SellerOrder.DocumentNo.X',
              '#,9223372036854775807,1,SQ_,TRUE,x,SellerOrder.DocumentNo.Y',
              '#,,',
              '------------- ----------- ------------',
              'X.DocumentNo 12 abc',
              '| a | b |',
              '\u0000',
              '\uFEFF',
            ),
            fc.string({ maxLength: 40 }),
          ),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([text, edits]) => {
      const lines = text.split('\n');
      for (const [at, how, line] of edits) {
        const i = lines.length ? at % lines.length : 0;
        if (how === 'drop') lines.splice(i, 1);
        else if (how === 'dup') lines.splice(i, 0, lines[i] ?? '');
        else if (how === 'swap-digits')
          lines[i] = (lines[i] ?? '').replace(/\d/g, (d) => String((+d * 7) % 10));
        else lines.splice(i, 0, line);
      }
      return lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0] ?? '\n');
    }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '\n\n', '#', '=', '#intershop.sequence.startsWith = 51'),
);

describe('sequences-info.properties', () => {
  it('gives a result or an error with a message for any text', () => {
    fc.assert(
      fc.property(propertiesText, (text) => {
        const parsed = parseSequencesInfo(text);
        if (parsed.ok) {
          expect(parsed.value.startsWith.value).toMatch(/^\d+$/);
          expect(BigInt(parsed.value.blockSize.value)).toBeGreaterThanOrEqual(1n);
        } else {
          expect(parsed.error.message).toMatch(/\S/);
          if (parsed.error.line !== null) expect(parsed.error.message).toMatch(/^Line \d+: /);
        }
      }),
      { numRuns: RUNS * 20 },
    );
  });
});

describe('the computation', () => {
  it('gives a start that obeys the rule, or errors naming their fields', () => {
    fc.assert(
      fc.property(
        number,
        fc.option(number, { nil: undefined }),
        fc.array(fc.tuple(fc.string({ maxLength: 8 }), number), { maxLength: 3 }),
        fc.option(fc.oneof(fc.constantFrom('20261122', '7', ''), fc.string({ maxLength: 10 })), {
          nil: undefined,
        }),
        fc.option(number, { nil: undefined }),
        (start, block, parties, prefix, newBlock) => {
          const result = computeSequence({
            icmStartsWith: start,
            icmBlockSize: block ?? null,
            parties: parties.map(([name, largest]) => ({ name, largest })),
            prefix: prefix ?? null,
            newBlockSize: newBlock ?? null,
          });
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) expect(e.message).toMatch(/\S/);
            return;
          }
          const v = result.value;
          const startValue = BigInt(v.start);
          // The whole first block fits, with the block size ICM uses from the start on.
          expect(startValue + BigInt(v.newBlockSize ?? v.blockSize) - 1n).toBeLessThanOrEqual(BIGINT_CEILING);
          const base = BigInt(v.base);
          for (const used of [v.icmStartsWith, ...v.parties.map((p) => p.largest)])
            expect(base).toBeGreaterThan(BigInt(used) + BigInt(v.blockSize));
          expect(v.outputs.propertyLine).toBe(`intershop.sequence.startsWith=${v.start}`);
          expect(v.outputs.activeLines).toEqual([
            v.outputs.propertyLine,
            ...(v.newBlockSize === null ? [] : [`intershop.sequence.blockSize=${v.newBlockSize}`]),
          ]);
          expect(JSON.stringify(v)).not.toMatch(/dbinit|demo_iomconnector/i);
        },
      ),
      { numRuns: RUNS * 20 },
    );
  });
});

/** Runs `sequence compute` in-process, as the CLI's own parser reads the arguments; returns what it printed. */
async function compute(args: string[]): Promise<{ stdout: string; stderr: string; error: unknown }> {
  const program = new Command('switchboard').exitOverride().configureOutput({
    writeOut: () => undefined,
    writeErr: () => undefined,
  });
  registerSequence(program);
  for (const sub of program.commands) {
    sub.exitOverride();
    for (const c of sub.commands) c.exitOverride();
  }
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['sequence', 'compute', ...args], { from: 'user' });
    return { stdout, stderr, error: null };
  } catch (error) {
    return { stdout, stderr, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let fileCounter = 0;
const propertiesFile = propertiesText.map((text) => {
  fileCounter += 1;
  const file = path.join(dir, `fuzz-${fileCounter}.properties`);
  writeFileSync(file, text);
  return file;
});

const FLAGS = [
  '--icm-start',
  '--icm-block-size',
  '--new-block-size',
  '--iom-max',
  '--party',
  '--prefix',
  '--sequences-info',
];
const argv = fc
  .array(
    fc.oneof(
      fc.tuple(
        fc.constantFrom('--icm-start', '--icm-block-size', '--new-block-size', '--iom-max', '--prefix'),
        number,
      ),
      fc.tuple(
        fc.constant('--party'),
        fc.oneof(
          number.map((n) => `market=${n}`),
          fc.constantFrom('=5', 'noequals', 'a==1', ' =1', 'x='),
        ),
      ),
      fc.tuple(
        fc.constant('--sequences-info'),
        fc.oneof(propertiesFile, fc.constantFrom('/nonexistent/file', dir, '')),
      ),
      fc.constantFrom(['--json'], ['--help'], ['--unknown'], ['extra'], ['-x'], ['--icm-start']),
      fc.tuple(fc.constantFrom(...FLAGS)).map(([f]) => [`${f}=51`]),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.flat());

describe('sequence compute’s arguments', () => {
  afterAll(() => vi.restoreAllMocks());

  it('print the property line, or fail with a usage or input error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { stdout, stderr, error } = await compute(args);
        expect(stdout + stderr).not.toMatch(/dbinit|demo_iomconnector/i);
        if (error === null) {
          if (args.includes('--json')) expect(JSON.parse(stdout)).toHaveProperty('start');
          else
            expect(stdout).toMatch(
              /^intershop\.sequence\.startsWith=\d+\n(intershop\.sequence\.blockSize=\d+\n)?$/,
            );
          return;
        }
        const expected = error instanceof CommanderError || error instanceof DomainError;
        expect(
          expected,
          `${JSON.stringify(args)} threw ${error instanceof Error ? error.stack : JSON.stringify(error)}`,
        ).toBe(true);
        if (error instanceof DomainError) expect(error.code).toBe('BAD_REQUEST');
      }),
      { numRuns: RUNS * 8 },
    );
  });

  it('the real command exits 0 or 2 with a message, never with a stack trace', async () => {
    const cases: [string[], number][] = [
      [['--icm-start', '51', '--icm-block-size', '10', '--iom-max', '20160128017063'], 0],
      [['--icm-start', '-1'], 2],
      [['--icm-start', '9223372036854775807'], 2],
      [['--party', 'noequals', '--icm-start', '1'], 2],
      [['--sequences-info', '/nonexistent/file'], 2],
      [['--sequences-info', dir], 2],
      [['--icm-start'], 2],
      [['--bogus'], 2],
    ];
    const results = await Promise.all(
      cases.map(([args]) =>
        runCli(['sequence', 'compute', ...args], { env: { DATA_DIR: '/nonexistent/switchboard-data' } }),
      ),
    );
    results.forEach((result, i) => {
      const [args, code] = cases[i] as [string[], number];
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (code === 2) expect(result.stderr).toMatch(/^switchboard: |error: /m);
    });
  }, 60_000);
});
