import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nulBytePaths, replacingNulCharacters } from '../../server/db/nulBytes.ts';

/** The value with `mark` appended to every string and key. */
const marked = (value: unknown, mark: string): unknown => {
  if (typeof value === 'string') return `${value}${mark}`;
  if (Array.isArray(value)) return value.map((v) => marked(v, mark));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [`${k}${mark}`, marked(v, mark)]));
};

describe('NUL characters', () => {
  it('are found at every path, keys included, up to the limit', () => {
    expect(nulBytePaths({ a: 'x', b: ['ok', 'n\u0000'], ['k\u0000']: 1 })).toEqual([['b', 1], ['k\u0000']]);
    expect(nulBytePaths(['\u0000', '\u0000', '\u0000'], 2)).toHaveLength(2);
    expect(nulBytePaths({ fine: [1, null, true, 'text'] })).toEqual([]);
  });

  it('are replaced everywhere, and nothing else changes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (base) => {
        const clean = replacingNulCharacters(marked(base, '\u0000'));
        expect(nulBytePaths(clean, Infinity)).toEqual([]);
        expect(clean).toEqual(marked(base, '\uFFFD'));
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(nulBytePaths(value, 1).length === 0);
        expect(replacingNulCharacters(value)).toEqual(value);
      }),
    );
  });
});
