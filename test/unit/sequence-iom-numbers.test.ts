import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortEvidence, summariseNumbers } from '../../server/sequence/iomNumbers.ts';

describe('IOM’s order numbers', () => {
  it('takes the numeric maximum of the digit-only numbers and lists what it skipped', () => {
    expect(
      summariseNumbers([
        ['99', '9', '100', '10'],
        ['100', 'ORD-1', '007', ' 12 ', ''],
      ]),
    ).toEqual({
      numbers: ['100', '99', '12', '10', '9', '7'],
      skipped: ['ORD-1', ''],
      largest: '100',
    });
    expect(summariseNumbers([['A-1'], []])).toEqual({ numbers: [], skipped: ['A-1'], largest: null });
  });

  it('is exact for numbers beyond 2^53 and any length', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 40n }), { minLength: 1 }), (values) => {
        const max = values.reduce((a, b) => (b > a ? b : a));
        return summariseNumbers([values.map(String)]).largest === max.toString();
      }),
    );
  });

  it('tells text sorting from numeric sorting', () => {
    expect(sortEvidence(['99', '9', '100', '10'])).toBe('text');
    expect(sortEvidence(['100', '99', '10', '9'])).toBe('numeric');
    expect(sortEvidence(['30', '20', '10'])).toBe('unclear');
    expect(sortEvidence(['ORD-2', '5'])).toBe('unclear');
  });
});
