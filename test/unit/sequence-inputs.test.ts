import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSequence, parseDigits } from '../../shared/sequence/index.ts';

describe('order numbers as typed', () => {
  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['12a4', '"a" at position 3'],
    ['ORD-1001', '"O" at position 1'],
    ['1e9', '"e" at position 2'],
    ['12 345', 'contains spaces'],
    ['12\u00a0345', 'contains spaces'],
    ['-42', 'cannot be negative'],
    ['- 42', 'cannot be negative'],
    ['+42', 'leave out the "+" sign'],
    ['4.2', 'without decimals'],
    ['4,200', 'without decimals or thousands separators'],
    ['1.000.000', 'without decimals or thousands separators'],
    ['٤٢', 'digits 0–9 only'],
  ])('refuses %j with a message naming the field', (raw, text) => {
    const parsed = parseDigits(raw, 'parties.0.largest', 'The largest number of IOM');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.field).toBe('parties.0.largest');
    expect(parsed.error.message).toContain('The largest number of IOM');
    expect(parsed.error.message).toContain(text);
  });

  it('accepts leading zeros, normalises them and notes it', () => {
    const parsed = parseDigits('000051', 'icmStartsWith', 'ICM startsWith');
    expect(parsed).toEqual({
      ok: true,
      value: 51n,
      text: '51',
      note: 'ICM startsWith: leading zeros dropped — "000051" is read as 51.',
    });
    expect(parseDigits('0', 'x', 'X')).toMatchObject({ ok: true, value: 0n, note: null });
    expect(parseDigits(' 51 ', 'x', 'X')).toMatchObject({ ok: true, value: 51n, note: null });
  });

  it('accepts any digit string exactly, whatever its length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: 200, size: 'max' }),
        (chars) => {
          const text = chars.join('');
          const parsed = parseDigits(text, 'f', 'F');
          return parsed.ok && parsed.value === BigInt(text) && parsed.text === BigInt(text).toString();
        },
      ),
    );
  });

  it('refuses every string with a character other than 0–9 inside', () => {
    const other = fc
      .string({ minLength: 1, maxLength: 3 })
      .filter((s) => /[^0-9]/.test(s.trim()) && s.trim() !== '');
    fc.assert(
      fc.property(fc.nat(), other, fc.nat(), (a, junk, b) => !parseDigits(`${a}${junk}${b}`, 'f', 'F').ok),
    );
  });

  it('reports every bad field at once', () => {
    const result = computeSequence({
      icmStartsWith: 'fifty-one',
      icmBlockSize: '0',
      parties: [
        { name: 'IOM', kind: 'iom', largest: '-1' },
        { name: '', largest: '5' },
        { name: 'iom', largest: '7' },
      ],
      prefix: '0',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.errors.map((e) => [e.field, e.message]))).toEqual({
      icmStartsWith: expect.stringContaining('digits 0–9 only') as string,
      icmBlockSize: expect.stringContaining('at least 1') as string,
      'parties.0.largest': expect.stringContaining('cannot be negative') as string,
      'parties.1.name': expect.stringContaining('Name party 2') as string,
      'parties.2.name': expect.stringContaining('used twice') as string,
      prefix: expect.stringContaining('cannot begin with 0') as string,
    });
  });

  it('refuses numbers a double cannot hold exactly, and accepts bigint values', () => {
    expect(parseDigits(2 ** 60, 'f', 'F').ok).toBe(false);
    expect(parseDigits(1.5, 'f', 'F').ok).toBe(false);
    expect(parseDigits(42, 'f', 'F')).toMatchObject({ ok: true, value: 42n });
    expect(parseDigits(2n ** 70n, 'f', 'F')).toMatchObject({ ok: true, value: 2n ** 70n });
    expect(parseDigits(-1n, 'f', 'F').ok).toBe(false);
    expect(parseDigits(null, 'f', 'F').ok).toBe(false);
  });
});
