import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIGINT_CEILING,
  computeSequence,
  groupDigits,
  type SequenceComputation,
  type SequenceInput,
} from '../../shared/sequence/index.ts';

/** Digit strings of any length, leading zeros included. */
const digits = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength, size: 'max' })
    .map((chars) => chars.join(''));
const blockSizes = digits(6).filter((s) => BigInt(s) >= 1n);

function ok(input: SequenceInput): SequenceComputation {
  const result = computeSequence(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** A reference written differently: decimal strings, schoolbook addition, no BigInt anywhere. */
const strip = (s: string) => s.replace(/^0+(?=\d)/, '');
const compareDecimal = (a: string, b: string) =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
function addDecimal(a: string, b: string): string {
  let out = '';
  let carry = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const sum = Number(a[a.length - 1 - i] ?? '0') + Number(b[b.length - 1 - i] ?? '0') + carry;
    out = String(sum % 10) + out;
    carry = sum >= 10 ? 1 : 0;
  }
  return carry ? `1${out}` : out;
}
function referenceStart(numbers: string[], blockSize: string): string {
  const largest = numbers.map(strip).reduce((a, b) => (compareDecimal(b, a) > 0 ? b : a));
  return addDecimal(addDecimal(largest, strip(blockSize)), '1');
}

describe('the start of ICM’s order sequence', () => {
  it('reproduces the worked example of the IOM Connector guide', () => {
    const result = ok({
      icmStartsWith: '51',
      icmBlockSize: '10',
      parties: [{ name: 'IOM', kind: 'iom', largest: '20160128017063' }],
    });
    expect(result.start).toBe('20160128017074');
    expect(result.largest).toEqual({ value: '20160128017063', heldBy: ['IOM'] });
    expect(result.outputs.propertyLine).toBe('intershop.sequence.startsWith=20160128017074');
    expect(result.explanation.join(' ')).toContain('20160128017063 + blockSize 10 + 1 = 20160128017074');
    expect(result.warnings).toEqual([]);
  });

  it('uses ICM’s default block size 50 when none is given, and says so', () => {
    const result = ok({ icmStartsWith: '51', parties: [{ name: 'IOM', kind: 'iom', largest: '7' }] });
    expect(result).toMatchObject({ start: '102', blockSize: '50', blockSizeDefaulted: true });
    expect(result.notes.join(' ')).toContain('default, 50');
  });

  it('warns when no IOM number is part of the computation', () => {
    expect(ok({ icmStartsWith: '51', icmBlockSize: '10' }).warnings.join(' ')).toContain('No IOM number');
  });

  it('is exact above 2^53', () => {
    // 2^53 + 1 is the first integer a double cannot hold.
    const result = ok({
      icmStartsWith: '9007199254740993',
      icmBlockSize: '1',
      parties: [{ name: 'IOM', kind: 'iom', largest: '9007199254740992' }],
    });
    expect(result.start).toBe('9007199254740995');
  });

  it('is above every input, by exactly blockSize + 1 over the largest, for arbitrary-length numbers', () => {
    fc.assert(
      fc.property(digits(30), fc.array(digits(30), { maxLength: 5 }), blockSizes, (icm, others, block) => {
        const result = computeSequence({
          icmStartsWith: icm,
          icmBlockSize: block,
          parties: others.map((largest, i) => ({ name: `Party ${i}`, kind: 'iom', largest })),
        });
        const inputs = [icm, ...others].map((s) => BigInt(s));
        const expected = inputs.reduce((a, b) => (b > a ? b : a)) + BigInt(block) + 1n;
        // The first block, up to start + blockSize − 1, must fit.
        if (expected + BigInt(block) - 1n > BIGINT_CEILING) return !result.ok;
        if (!result.ok) return false;
        const start = BigInt(result.value.start);
        return (
          inputs.every((n) => start > n) &&
          start - BigInt(result.value.largest.value) - 1n === BigInt(block) &&
          result.value.start === referenceStart([icm, ...others], block)
        );
      }),
      { numRuns: 500 },
    );
  });

  it('keeps numbers near 2^53 and 2^63 exact, checked against the decimal reference', () => {
    const near = fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 62n }).map(String);
    fc.assert(
      fc.property(near, near, blockSizes, (icm, iom, block) => {
        const result = ok({
          icmStartsWith: icm,
          icmBlockSize: block,
          parties: [{ name: 'IOM', kind: 'iom', largest: iom }],
        });
        return result.start === referenceStart([icm, iom], block);
      }),
    );
  });
});

describe('the bigint ceiling', () => {
  // The first block, start … start + blockSize − 1, must fit; with start = largest + blockSize + 1 its last
  // number is largest + 2·blockSize.
  it('accepts a start whose first block ends exactly at 9223372036854775807', () => {
    const c = ok({ icmStartsWith: (BIGINT_CEILING - 20n).toString(), icmBlockSize: '10' });
    expect(c.start).toBe('9223372036854775798');
    expect(BigInt(c.start) + 10n - 1n).toBe(BIGINT_CEILING);
  });

  it('refuses one more: the start fits, its first block does not', () => {
    const result = computeSequence({ icmStartsWith: (BIGINT_CEILING - 19n).toString(), icmBlockSize: '10' });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'icmStartsWith',
          message: expect.stringContaining(
            'ICM’s first block would run from 9223372036854775799 to 9223372036854775808',
          ) as string,
        },
      ],
    });
    if (result.ok) return;
    expect(BigInt('9223372036854775799')).toBeLessThanOrEqual(BIGINT_CEILING);
    expect(result.errors[0]?.message).toContain('above the bigint ceiling 9223372036854775807 by 1:');
    expect(result.errors[0]?.message).toContain(
      'Check ICM startsWith (intershop.sequence.startsWith), 9223372036854775788, for extra digits.',
    );
  });

  it('holds exactly when start + blockSize − 1 fits, for any numbers and block sizes', () => {
    const near = fc.oneof(
      fc.bigInt({ min: BIGINT_CEILING - 10n ** 7n, max: BIGINT_CEILING + 10n }),
      fc.bigInt({ min: 0n, max: 10n ** 30n }),
    );
    fc.assert(
      fc.property(near, near, blockSizes, (icm, iom, block) => {
        const result = computeSequence({
          icmStartsWith: icm.toString(),
          icmBlockSize: block,
          parties: [{ name: 'IOM', kind: 'iom', largest: iom.toString() }],
        });
        const largest = icm > iom ? icm : iom;
        const start = largest + BigInt(block) + 1n;
        const end = start + BigInt(block) - 1n;
        if (end <= BIGINT_CEILING) return result.ok && result.value.start === start.toString();
        const field =
          BigInt(block) > largest ? 'icmBlockSize' : icm >= iom ? 'icmStartsWith' : 'parties.0.largest';
        return (
          !result.ok &&
          result.errors.length === 1 &&
          result.errors[0]?.field === field &&
          result.errors[0].message.includes(`by ${groupDigits((end - BIGINT_CEILING).toString())}:`) &&
          result.errors[0].message.includes('9223372036854775807')
        );
      }),
      { numRuns: 500 },
    );
  });

  it('names the party whose number is too large', () => {
    const result = computeSequence({
      icmStartsWith: '51',
      icmBlockSize: '10',
      parties: [{ name: 'IOM', kind: 'iom', largest: '92233720368547758070' }],
    });
    expect(!result.ok && result.errors[0]).toMatchObject({
      field: 'parties.0.largest',
      message: expect.stringContaining(
        'Check the largest number of IOM, 92233720368547758070, for extra digits.',
      ) as string,
    });
  });

  it('names the new block size when only the new block size makes the first block too long', () => {
    // start 9223372036854775798 fits a block of 10, not one of 11.
    const icm = (BIGINT_CEILING - 20n).toString();
    expect(ok({ icmStartsWith: icm, icmBlockSize: '10', newBlockSize: '10' }).start).toBe(
      '9223372036854775798',
    );
    const result = computeSequence({ icmStartsWith: icm, icmBlockSize: '10', newBlockSize: '11' });
    expect(!result.ok && result.errors[0]).toMatchObject({
      field: 'newBlockSize',
      message: expect.stringContaining('Choose a new block size of at most 10') as string,
    });
    expect(ok({ icmStartsWith: icm, icmBlockSize: '10', newBlockSize: '3' }).newBlockSize).toBe('3');
  });

  it('names the prefix when only the prefix pushes the first block above it', () => {
    const result = computeSequence({ icmStartsWith: '51', icmBlockSize: '10', prefix: '92233720368547758' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.field).toBe('prefix');
    expect(result.errors[0]?.message).toContain('Use a shorter prefix, or none.');
  });
});
