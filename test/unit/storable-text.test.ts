import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storableCopy, unstorableTexts } from '../../server/db/storableText.ts';

const paths = (value: unknown, limit?: number) => unstorableTexts(value, limit).map((u) => u.path);

/** The value with `mark` appended to every string and key. */
const marked = (value: unknown, mark: string): unknown => {
  if (typeof value === 'string') return `${value}${mark}`;
  if (Array.isArray(value)) return value.map((v) => marked(v, mark));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [`${k}${mark}`, marked(v, mark)]));
};

describe('text PostgreSQL cannot store', () => {
  it('are found at every path, keys included, up to the limit, each with what to do', () => {
    expect(unstorableTexts({ a: 'x\u0000', b: 'y\udc00' })).toEqual([
      { path: ['a'], message: expect.stringContaining('NUL character') as string },
      { path: ['b'], message: expect.stringContaining('unpaired UTF-16 surrogate') as string },
    ]);
    expect(paths({ a: 'x', b: ['ok', 'n\u0000'], ['k\u0000']: 1 })).toEqual([['b', 1], ['k\u0000']]);
    expect(paths(['\u0000', '\u0000', '\u0000'], 2)).toHaveLength(2);
    expect(paths({ fine: [1, null, true, 'text'] })).toEqual([]);
  });

  it('are replaced everywhere, as are unpaired surrogates, and nothing else changes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('\u0000', '\ud800', '\udfff'), (base, mark) => {
        const clean = storableCopy(marked(base, mark));
        expect(paths(clean, Infinity)).toEqual([]);
        expect(clean).toEqual(marked(base, '\uFFFD'));
      }),
    );
    // A surrogate pair is a character like any other.
    expect(storableCopy({ emoji: '\ud83d\ude00' })).toEqual({ emoji: '😀' });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(paths(value, 1).length === 0);
        expect(storableCopy(value)).toEqual(value);
      }),
    );
  });
});
