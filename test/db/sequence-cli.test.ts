import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/sequences/${name}`, import.meta.url));
/** No DATABASE_URL and a DATA_DIR that does not exist: the command must not need a database. */
const env = { DATA_DIR: '/nonexistent/switchboard-data' };
const compute = (...args: string[]) => runCli(['sequence', 'compute', ...args], { env });

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
    expect(result).toEqual({ code: 0, stdout: 'intershop.sequence.startsWith=20160128017074\n', stderr: '' });
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
      outputs: { propertyLine: string; databaseProperties: string; deployment: string };
    };
    expect(json.inputs).toEqual({
      icmStartsWith: '51',
      icmBlockSize: '50',
      blockSizeDefaulted: true,
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
    expect(json.outputs.deployment).toContain(
      "properties['intershop.sequence.startsWith'] = '20261122000000'",
    );
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
      [['--icm-start', '9223372036854775800'], /^switchboard: start: .*by 44:/],
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
