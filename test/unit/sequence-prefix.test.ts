import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPrefix,
  BIGINT_CEILING,
  computeSequence,
  PREFIX_MIN_COUNTER_DIGITS,
} from '../../shared/sequence/index.ts';

const digits = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength, size: 'max' })
    .map((chars) => chars.join(''));
const prefixes = fc
  .tuple(fc.constantFrom(...'123456789'), fc.array(fc.constantFrom(...'0123456789'), { maxLength: 9 }))
  .map(([first, rest]) => first + rest.join(''));

describe('a prefix', () => {
  it('turns the worked example into the prefix followed by six zeros', () => {
    const result = computeSequence({
      icmStartsWith: '51',
      icmBlockSize: '10',
      parties: [{ name: 'IOM', kind: 'iom', largest: '20160128017063' }],
      prefix: '20261122',
    });
    expect(result.ok && result.value).toMatchObject({
      base: '20160128017074',
      start: '20261122000000',
      prefixRule: { counterDigits: 6, capacity: '1000000', lastWithPrefix: '20261122999999' },
    });
  });

  it('adds digits when the prefix followed by zeros would not be above every input', () => {
    const result = computeSequence({ icmStartsWith: '99999999', icmBlockSize: '1', prefix: '7' });
    // base 100000001 (9 digits); 7·10^8 = 700000000 ≥ base.
    expect(result.ok && result.value.start).toBe('700000000');
  });

  it('keeps the start above every input, begins with the prefix, and is the smallest such start', () => {
    fc.assert(
      fc.property(digits(20), fc.array(digits(20), { maxLength: 4 }), prefixes, (icm, others, prefix) => {
        const result = computeSequence({
          icmStartsWith: icm,
          icmBlockSize: '10',
          parties: others.map((largest, i) => ({ name: `P${i}`, kind: 'iom', largest })),
          prefix,
        });
        const inputs = [icm, ...others].map((s) => BigInt(s));
        const base = inputs.reduce((a, b) => (b > a ? b : a)) + 11n;
        const p = BigInt(prefix);
        let k = PREFIX_MIN_COUNTER_DIGITS;
        while (p * 10n ** BigInt(k) < base) k++;
        // The first block of 10, up to start + 9, must fit.
        if (p * 10n ** BigInt(k) + 9n > BIGINT_CEILING) return !result.ok;
        if (!result.ok) return false;
        const start = BigInt(result.value.start);
        const rule = result.value.prefixRule;
        return (
          inputs.every((n) => start > n + 10n) &&
          start >= base &&
          result.value.start.startsWith(prefix) &&
          start === p * 10n ** BigInt(k) &&
          rule?.counterDigits === k &&
          (k === PREFIX_MIN_COUNTER_DIGITS || p * 10n ** BigInt(k - 1) < base)
        );
      }),
      { numRuns: 500 },
    );
  });

  it('leaves every number from the start to lastWithPrefix beginning with the prefix', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 25n }), prefixes, (base, prefix) => {
        const rule = applyPrefix(base + 1n, BigInt(prefix));
        return (
          rule.start.toString().startsWith(prefix) &&
          rule.lastWithPrefix.toString().startsWith(prefix) &&
          !(rule.lastWithPrefix + 1n).toString().startsWith(prefix) &&
          rule.capacity >= 10n ** BigInt(PREFIX_MIN_COUNTER_DIGITS)
        );
      }),
    );
  });

  it('refuses a prefix that is not digits or begins with 0, naming the field', () => {
    for (const [prefix, text] of [
      ['2026-11-22', 'digits 0–9 only'],
      ['2026 1122', 'spaces'],
      ['0042', 'cannot begin with 0'],
      ['M7', 'digits 0–9 only'],
    ] as const) {
      const result = computeSequence({ icmStartsWith: '51', prefix });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors).toEqual([
          { field: 'prefix', message: expect.stringContaining(text) as string },
        ]);
    }
  });

  it('treats an empty prefix as none', () => {
    const result = computeSequence({ icmStartsWith: '51', icmBlockSize: '10', prefix: '  ' });
    expect(result.ok && result.value).toMatchObject({ start: '62', prefix: null, prefixRule: null });
  });
});
