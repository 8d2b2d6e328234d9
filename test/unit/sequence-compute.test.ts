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
        if (expected > BIGINT_CEILING) return !result.ok;
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
  it('accepts a start of exactly 9223372036854775807', () => {
    const icm = (BIGINT_CEILING - 11n).toString();
    expect(ok({ icmStartsWith: icm, icmBlockSize: '10' }).start).toBe('9223372036854775807');
  });

  it('refuses a start above it and says by how much', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), blockSizes, (over, block) => {
        const icm = BIGINT_CEILING - BigInt(block) - 1n + over;
        const result = computeSequence({ icmStartsWith: icm.toString(), icmBlockSize: block });
        return (
          !result.ok &&
          result.errors.length === 1 &&
          result.errors[0]?.field === 'start' &&
          result.errors[0].message.includes(`by ${groupDigits(over.toString())}:`) &&
          result.errors[0].message.includes('9223372036854775807')
        );
      }),
    );
  });

  it('names the prefix when only the prefix pushes the start above it', () => {
    const result = computeSequence({ icmStartsWith: '51', icmBlockSize: '10', prefix: '92233720368547758' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.field).toBe('prefix');
    expect(result.errors[0]?.message).toContain('use a shorter prefix');
  });
});
