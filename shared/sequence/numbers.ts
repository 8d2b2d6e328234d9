/**
 * Order numbers as ICM's sequence and IOM's order numbers use them: whole numbers written with the digits 0–9
 * only, of any length, compared and added as BigInt so nothing is rounded above 2^53. Pure, no I/O: the
 * browser, the server and the command line parse with the same rules and the same messages.
 */

import { INT64_MAX } from '../schemas/channels.ts';

/** PostgreSQL's and SQL Server's bigint (9 223 372 036 854 775 807): the largest start that fits. */
export const BIGINT_CEILING = INT64_MAX;

/** An input that is not usable, named by the field it came from (`icmStartsWith`, `parties.1.largest`, …). */
export interface FieldError {
  field: string;
  message: string;
}

export type ParsedNumber =
  { ok: true; value: bigint; text: string; note: string | null } | { ok: false; error: FieldError };

const fail = (field: string, message: string): ParsedNumber => ({ ok: false, error: { field, message } });

/** Groups of three for reading long numbers in messages: 20160128017063 → "20 160 128 017 063". */
export function groupDigits(text: string): string {
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function describeBadCharacter(text: string, label: string): string {
  const index = [...text].findIndex((c) => !/[0-9]/.test(c));
  const chars = [...text];
  const bad = chars[index] ?? '';
  const shown = /\s/.test(bad) ? 'a space' : `"${bad}"`;
  return `${label} takes the digits 0–9 only; ${shown} at position ${index + 1} of "${text}" is not one.`;
}

/**
 * Reads a whole, non-negative number written with digits only. Surrounding whitespace is ignored; everything
 * else that is not a digit is refused with a sentence that says what to change. Leading zeros are accepted
 * and dropped (`0051` is 51), with a note saying so.
 */
export function parseDigits(raw: unknown, field: string, label: string): ParsedNumber {
  if (typeof raw === 'bigint') {
    if (raw < 0n) return fail(field, `${label} cannot be negative (${raw}); order numbers count up from 0.`);
    return { ok: true, value: raw, text: raw.toString(), note: null };
  }
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw))
      return fail(field, `${label} must be a whole number; send large numbers as a string of digits.`);
    return parseDigits(BigInt(raw), field, label);
  }
  if (typeof raw !== 'string') return fail(field, `Enter ${label} as a whole number, digits only.`);
  const text = raw.trim();
  if (text === '') return fail(field, `${label} is empty: enter a whole number, digits only (e.g. 51).`);
  if (/^[0-9]+$/.test(text)) {
    const value = BigInt(text);
    const normalised = value.toString();
    const note =
      normalised === text ? null : `${label}: leading zeros dropped — "${text}" is read as ${normalised}.`;
    return { ok: true, value, text: normalised, note };
  }
  const rest = text.slice(1);
  if (text.startsWith('-') && /^[0-9\s.,]+$/.test(rest))
    return fail(field, `${label} cannot be negative ("${text}"); order numbers count up from 0.`);
  if (text.startsWith('+') && /^[0-9]+$/.test(rest))
    return fail(field, `${label}: leave out the "+" sign — write ${rest}.`);
  if (/^[0-9]+([.,][0-9]+)+$/.test(text))
    return fail(
      field,
      `${label} must be a whole number without decimals or thousands separators ("${text}"); write the digits only.`,
    );
  if (/^[0-9]+(\s+[0-9]+)+$/.test(text))
    return fail(
      field,
      `${label} contains spaces ("${text}"); write the number without spaces, e.g. ${text.replace(/\s+/g, '')}.`,
    );
  return fail(field, describeBadCharacter(text, label));
}

/** The number of decimal digits of a non-negative number (0 has one). */
export const digitCount = (n: bigint): number => n.toString().length;

export const maxOf = (values: readonly bigint[]): bigint =>
  values.reduce((a, b) => (b > a ? b : a), values[0] ?? 0n);
