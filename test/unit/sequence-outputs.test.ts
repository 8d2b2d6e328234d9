import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequenceMessages } from '../../client/src/i18n/sequence.ts';
import {
  computeSequence,
  renderOutputs,
  SPELLING_WARNING,
  type SequenceComputation,
  type SequenceInput,
} from '../../shared/sequence/index.ts';

function ok(input: SequenceInput): SequenceComputation {
  const result = computeSequence(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const WORKED_EXAMPLE: SequenceInput = {
  icmStartsWith: '51',
  icmBlockSize: '10',
  parties: [{ name: 'IOM', kind: 'iom', largest: '20160128017063' }],
};

/** The lines a properties file reads: neither blank nor a comment. */
const activeLinesOf = (text: string) =>
  text.split('\n').filter((line) => line.trim() !== '' && !/^\s*[#!]/.test(line));

/** DBInit recreates tables by default: on a live ICM, following such a line wipes data. */
const UNSAFE = /dbinit|demo_iomconnector/i;

/** Every string anywhere in a value: messages, outputs, explanations. */
const textsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(textsOf)
      : [];

const numbers = fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String);
const blockSizes = fc.bigInt({ min: 1n, max: 10n ** 6n }).map(String);

describe('what the operator applies in ICM', () => {
  it('is, for the worked example, the release notes’ property, file lines and deployment step', () => {
    const { outputs } = ok(WORKED_EXAMPLE);
    expect(outputs.propertyLine).toBe('intershop.sequence.startsWith=20160128017074');
    expect(outputs.activeLines).toEqual(['intershop.sequence.startsWith=20160128017074']);
    expect(outputs.databaseProperties).toBe(
      [
        '## Series (Sequence) Creation Options',
        '## series numberPattern settings',
        '## blockSize  - "increment by <n>"',
        '## startsWith - "start with <n>"',
        '## cacheSize  - "cache <n>" or "nocache" if <n> = 0',
        '## orderFlag  - "order" if true or "noorder" if false',
        'intershop.sequence.startsWith=20160128017074',
      ].join('\n'),
    );
    // The release notes' snippet with <negotiated-order-sequence> filled in, its braces closed.
    expect(outputs.deployment).toBe(
      [
        'deployment {',
        '    filters {',
        "        overrideProperties('uniqueOrderSequence') {",
        '            dir = target.shareDirectory',
        "            include 'system/config/cluster/database.properties'",
        "            properties['intershop.sequence.startsWith'] = 20160128017074",
        '        }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('warns that the guide’s step 9 spells the line startWith while ICM reads startsWith', () => {
    const { outputs } = ok(WORKED_EXAMPLE);
    expect(outputs.spellingWarning).toBe(SPELLING_WARNING);
    expect(SPELLING_WARNING).toContain('“intershop.sequence.startWith=”');
    expect(SPELLING_WARNING).toContain('ICM reads intershop.sequence.startsWith');
  });

  it('makes exactly one line of database.properties active, and sets only startsWith, for any input', () => {
    fc.assert(
      fc.property(numbers, fc.option(blockSizes, { nil: undefined }), numbers, (icm, block, iom) => {
        const c = ok({
          icmStartsWith: icm,
          icmBlockSize: block ?? null,
          parties: [{ name: 'IOM', kind: 'iom', largest: iom }],
        });
        const line = `intershop.sequence.startsWith=${c.start}`;
        expect(activeLinesOf(c.outputs.databaseProperties)).toEqual([line]);
        expect(c.outputs.activeLines).toEqual([line]);
        expect(c.outputs.deployment.match(/properties\[/g)).toHaveLength(1);
        expect(c.outputs.deployment).toContain(`properties['intershop.sequence.startsWith'] = ${c.start}\n`);
        expect(c.outputs.deployment).not.toContain('blockSize');
      }),
    );
  });

  it('sets the block size as a second line only when the admin asks to change it', () => {
    const changed = ok({ ...WORKED_EXAMPLE, newBlockSize: '20' });
    expect(changed.start).toBe('20160128017074');
    expect(changed.newBlockSize).toBe('20');
    expect(activeLinesOf(changed.outputs.databaseProperties)).toEqual([
      'intershop.sequence.startsWith=20160128017074',
      'intershop.sequence.blockSize=20',
    ]);
    expect(changed.outputs.activeLines).toEqual([
      'intershop.sequence.startsWith=20160128017074',
      'intershop.sequence.blockSize=20',
    ]);
    expect(changed.outputs.deployment).toContain(
      [
        "            properties['intershop.sequence.startsWith'] = 20160128017074",
        "            properties['intershop.sequence.blockSize'] = 20",
        '        }',
      ].join('\n'),
    );
    expect(changed.explanation.join(' ')).toContain('blocks of 20 instead of 10');

    // Asking for the block size ICM already uses changes nothing.
    const same = ok({ ...WORKED_EXAMPLE, newBlockSize: '10' });
    expect(same.newBlockSize).toBeNull();
    expect(same.outputs.activeLines).toEqual(['intershop.sequence.startsWith=20160128017074']);
    expect(same.notes.join(' ')).toContain('nothing to change');
  });

  it('refuses a new block size that is not a positive number, naming its field', () => {
    for (const bad of ['0', '-5', '1.5', 'x']) {
      const result = computeSequence({ ...WORKED_EXAMPLE, newBlockSize: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['newBlockSize']);
    }
    expect(ok({ ...WORKED_EXAMPLE, newBlockSize: '  ' }).newBlockSize).toBeNull();
  });

  it('never tells anyone to run dbinit or load demo_iomconnector, whatever the inputs', () => {
    fc.assert(
      fc.property(
        numbers,
        blockSizes,
        fc.array(numbers, { maxLength: 3 }),
        fc.option(fc.constantFrom('20261122', '7', '1'), { nil: undefined }),
        fc.option(blockSizes, { nil: undefined }),
        (icm, block, others, prefix, newBlockSize) => {
          const result = computeSequence({
            icmStartsWith: icm,
            icmBlockSize: block,
            parties: others.map((largest, i) => ({ name: `IOM ${i}`, kind: 'iom', largest })),
            prefix: prefix ?? null,
            newBlockSize: newBlockSize ?? null,
          });
          for (const text of textsOf(result)) expect(text).not.toMatch(UNSAFE);
        },
      ),
    );
  });

  it('the page’s own texts never mention dbinit or demo_iomconnector either', () => {
    const texts = [...textsOf(sequenceMessages), ...textsOf(renderOutputs('20160128017074', '20'))];
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) expect(text).not.toMatch(UNSAFE);
  });
});
