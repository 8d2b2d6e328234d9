import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/sequences/${name}`, import.meta.url));
/** No DATABASE_URL and a DATA_DIR that does not exist: the command must not need a database. */
const env = { DATA_DIR: '/nonexistent/switchboard-data' };
const compute = (...args: string[]) => runCli(['sequence', 'compute', ...args], { env });
/** DBInit recreates tables by default: on a live ICM, following such a line wipes data. */
const UNSAFE = /dbinit|demo_iomconnector/i;

describe('switchboard sequence compute', () => {
  it('prints the property line of the worked example, and nothing else on stdout', async () => {
    const result = await compute(
      '--icm-start',
      '51',
      '--icm-block-size',
      '10',
      '--iom-max',
      '20160128017063',
    );
    expect(result).toEqual({
      code: 0,
      stdout: 'intershop.sequence.startsWith=20160128017074\n',
      stderr: expect.any(String) as string,
    });
    // The guide's step 9 spells the line startWith; the human output says ICM reads startsWith.
    expect(result.stderr).toBe(
      'switchboard: warning: The configuration guide’s step 9 names the line “intershop.sequence.startWith=”, but ICM reads intershop.sequence.startsWith (with an s), as the release notes’ deployment step and ant export-sequence-info spell it. Use the line exactly as shown here, not the guide’s spelling.\n',
    );
  });

  it('reads the worked example from the file in the layout Intershop documents', async () => {
    const result = await compute(
      '--sequences-info',
      fixture('documented.properties'),
      '--iom-max',
      '20160128017063',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('intershop.sequence.startsWith=20160128017074\n');
    expect(result.stderr).toContain('documented.properties line 5; blockSize 10 from');
    expect(result.stderr).toContain(
      'sequence SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR (inSPIRED-inTRONICS), line 2.',
    );
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
  });

  it('adds the block size line only when asked to change the block size', async () => {
    const result = await compute(
      '--icm-start',
      '51',
      '--icm-block-size',
      '10',
      '--iom-max',
      '20160128017063',
      '--new-block-size',
      '20',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'intershop.sequence.startsWith=20160128017074\nintershop.sequence.blockSize=20\n',
    );
  });

  it('accepts a first block that ends exactly at the bigint ceiling, and refuses one more', async () => {
    const [at, above] = await Promise.all([
      compute('--icm-start', '9223372036854775787', '--icm-block-size', '10'),
      compute('--icm-start', '9223372036854775788', '--icm-block-size', '10'),
    ]);
    // 9223372036854775787 + 10 + 1 = …798; its block of 10 ends at …807, the ceiling.
    expect(at.code).toBe(0);
    expect(at.stdout).toBe('intershop.sequence.startsWith=9223372036854775798\n');
    expect(above).toMatchObject({ code: 2, stdout: '' });
    expect(above.stderr).toMatch(
      /^switchboard: --icm-start: ICM’s first block would run from 9223372036854775799 to 9223372036854775808 .* by 1: .*Check ICM startsWith .* for extra digits\.\n$/,
    );
  });

  it('reads sequences-info.properties, lets the flags win and says which won', async () => {
    const [fromFile, overridden] = await Promise.all([
      compute('--sequences-info', fixture('oracle.properties'), '--iom-max', '20160128017063'),
      compute(
        '--sequences-info',
        fixture('oracle.properties'),
        '--iom-max',
        '20160128017063',
        '--icm-block-size',
        '20',
      ),
    ]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe('intershop.sequence.startsWith=20160128017074\n');
    expect(fromFile.stderr).toContain('startsWith 51 from');
    expect(fromFile.stderr).toContain('oracle.properties line 14; blockSize 10 from');
    expect(fromFile.stderr).toContain(
      'sequence SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR (inSPIRED-inTRONICS), line 7',
    );
    expect(overridden.stdout).toBe('intershop.sequence.startsWith=20160128017084\n');
    expect(overridden.stderr).toMatch(
      /blockSize 20 from --icm-block-size \(.*oracle\.properties says 10, line 13\)/,
    );
  });

  it('gives every normalised input, the start and the outputs with --json', async () => {
    const result = await compute(
      '--icm-start',
      '0051',
      '--iom-max',
      '20160128017063',
      '--party',
      'Marketplace=4711',
      '--prefix',
      '20261122',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as {
      inputs: unknown;
      notes: string[];
      outputs: {
        propertyLine: string;
        activeLines: string[];
        databaseProperties: string;
        deployment: string;
        spellingWarning: string;
      };
    };
    expect(json.inputs).toEqual({
      icmStartsWith: '51',
      icmBlockSize: '50',
      blockSizeDefaulted: true,
      newBlockSize: null,
      parties: [
        { name: 'IOM', kind: 'iom', largest: '20160128017063' },
        { name: 'Marketplace', kind: 'other', largest: '4711' },
      ],
      prefix: '20261122',
    });
    expect(json).toMatchObject({ base: '20160128017114', start: '20261122000000' });
    expect(json.notes.join(' ')).toContain('leading zeros dropped');
    expect(json.outputs.propertyLine).toBe('intershop.sequence.startsWith=20261122000000');
    expect(json.outputs.databaseProperties).toContain('intershop.sequence.startsWith=20261122000000');
    expect(json.outputs.activeLines).toEqual(['intershop.sequence.startsWith=20261122000000']);
    expect(json.outputs.deployment).toContain(
      "properties['intershop.sequence.startsWith'] = 20261122000000\n",
    );
    expect(json.outputs.deployment).not.toContain('blockSize');
    expect(json.outputs.spellingWarning).toContain('intershop.sequence.startWith=');
    expect(result.stdout).not.toMatch(UNSAFE);
  });

  it('exits 2 with one clear line on stderr for every kind of bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['--icm-start', '5l'], /^switchboard: --icm-start: .*"l" at position 2 of "5l"/],
      [['--icm-start', '51', '--iom-max', '-3'], /^switchboard: --iom-max: .*cannot be negative/],
      [['--icm-start', '+51'], /^switchboard: --icm-start: .*leave out the "\+" sign/],
      [['--icm-start', '51', '--party', 'shop=1.5'], /^switchboard: --party shop: .*without decimals/],
      [['--icm-start', '51', '--party', 'no-equals'], /^switchboard: --party "no-equals": write NAME=NUMBER/],
      [['--icm-start', '51', '--icm-block-size', '0'], /^switchboard: --icm-block-size: .*at least 1/],
      [['--icm-start', '51', '--prefix', '2026-11'], /^switchboard: --prefix: .*digits 0–9 only/],
      [['--icm-start', '9223372036854775800'], /^switchboard: --icm-start: .*by 93:/],
      [
        ['--icm-start', '9223372036854775787', '--icm-block-size', '10', '--new-block-size', '11'],
        /^switchboard: --new-block-size: .*Choose a new block size of at most 10,/,
      ],
      [[], /^switchboard: --icm-start: give ICM's intershop\.sequence\.startsWith/],
      [
        ['--sequences-info', fixture('other-tool.properties')],
        /^switchboard: --sequences-info .*: Line 2: "flyway\.url/,
      ],
      [
        ['--sequences-info', '/nonexistent/sequences-info.properties'],
        /^switchboard: --sequences-info: cannot read .* \(ENOENT\)/,
      ],
    ];
    const results = [];
    // Four at a time: each run is a Node process with tsx.
    for (let i = 0; i < cases.length; i += 4)
      results.push(...(await Promise.all(cases.slice(i, i + 4).map(([args]) => compute(...args)))));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(cases[i]?.[1] ?? /never/);
    });
  }, 90_000);
});
