import { digitCount, type FieldError } from './numbers.ts';

/** At least this many digits follow the prefix, so a million orders keep it before the numbers outgrow it. */
export const PREFIX_MIN_COUNTER_DIGITS = 6;

export interface PrefixedStart {
  /** The prefix followed by `counterDigits` zeros: prefix · 10^counterDigits. */
  start: bigint;
  counterDigits: number;
  /** How many consecutive numbers from the start keep the prefix: 10^counterDigits. */
  capacity: bigint;
  /** The last number that still begins with the prefix: start + capacity − 1. */
  lastWithPrefix: bigint;
}

/**
 * The prefix rule. A date prefix (e.g. 20261122) or a machine identifier (digits only) is combined with the
 * start computed without it (`base`) like this:
 *
 *     start = prefix · 10^k, for the smallest k ≥ 6 with prefix · 10^k ≥ base
 *
 * so the start is the prefix followed by k zeros, and ICM's next numbers (start, start + 1, …) all begin
 * with the prefix for 10^k numbers (at least a million).
 *
 * Why every guarantee still holds: base = max(inputs) + blockSize + 1, and start ≥ base, so the start is above
 * every party's largest number by more than one block, exactly as without a prefix. Such a k exists because
 * prefix ≥ 1 and prefix · 10^k grows without bound. It is the smallest start of this shape: with
 * d = digits(base) − digits(prefix), prefix · 10^(d−1) has fewer digits than base and is below it, so k is d
 * or d + 1 (or the minimum 6). A prefix may not begin with 0: a number cannot keep leading zeros.
 * test/unit/sequence-compute.test.ts checks all of this for arbitrary inputs.
 */
export function applyPrefix(
  base: bigint,
  prefix: bigint,
  minCounterDigits = PREFIX_MIN_COUNTER_DIGITS,
): PrefixedStart {
  if (prefix < 1n) throw new RangeError('A prefix is at least 1.');
  let k = Math.max(minCounterDigits, digitCount(base) - digitCount(prefix));
  while (prefix * 10n ** BigInt(k) < base) k += 1;
  const capacity = 10n ** BigInt(k);
  const start = prefix * capacity;
  return { start, counterDigits: k, capacity, lastWithPrefix: start + capacity - 1n };
}

/** Checks a prefix as typed: digits only, not starting with 0. Returns the digits or an error for `prefix`. */
export function parsePrefix(raw: string): { ok: true; digits: string } | { ok: false; error: FieldError } {
  const text = raw.trim();
  const error = (message: string) => ({ ok: false as const, error: { field: 'prefix', message } });
  if (!/^[0-9]+$/.test(text)) {
    if (/\s/.test(text) && /^[0-9\s]+$/.test(text))
      return error(`The prefix contains spaces ("${text}"); write its digits without spaces.`);
    return error(
      `The prefix takes the digits 0–9 only ("${text}"): a date such as 20261122 or a machine number such as 7.`,
    );
  }
  if (text.startsWith('0'))
    return error(
      `The prefix cannot begin with 0 ("${text}"): an order number is a number and loses its leading zeros. Use e.g. ${text.replace(/^0+/, '') || '1'} or put a non-zero digit first.`,
    );
  return { ok: true, digits: text };
}
