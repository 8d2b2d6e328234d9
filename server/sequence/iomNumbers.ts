/**
 * What IOM's order lists say about its largest order number. Pure: the fetch passes the shop order numbers in
 * the order IOM listed them. Only digit-only numbers can collide with ICM's numeric sequence; the others are
 * reported as skipped, never guessed at.
 */

export type SortEvidence = 'numeric' | 'text' | 'unclear';

export interface NumbersSeen {
  /** Digit-only numbers, leading zeros dropped, unique, largest first. */
  numbers: string[];
  /** Shop order numbers that are not digits only, as IOM sent them. */
  skipped: string[];
  largest: string | null;
}

const DIGITS = /^[0-9]+$/;

export function summariseNumbers(lists: readonly (readonly string[])[]): NumbersSeen {
  const numeric = new Map<string, bigint>();
  const skipped = new Set<string>();
  for (const raw of lists.flat()) {
    const text = raw.trim();
    if (DIGITS.test(text)) {
      const value = BigInt(text);
      numeric.set(value.toString(), value);
    } else skipped.add(raw);
  }
  const numbers = [...numeric.values()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).map(String);
  return { numbers, skipped: [...skipped], largest: numbers[0] ?? null };
}

/**
 * How IOM sorted a list it was asked to sort by shopOrderNumber descending: numerically, as text (so 99 comes
 * before 100), or unclear (too few digit-only numbers of different lengths to tell).
 */
export function sortEvidence(listed: readonly string[]): SortEvidence {
  const digits = listed.map((s) => s.trim()).filter((s) => DIGITS.test(s));
  let numeric = true;
  let text = true;
  for (let i = 1; i < digits.length; i++) {
    const a = digits[i - 1] ?? '';
    const b = digits[i] ?? '';
    if (BigInt(a) < BigInt(b)) numeric = false;
    if (a < b) text = false;
  }
  if (numeric && !text) return 'numeric';
  if (text && !numeric) return 'text';
  return 'unclear';
}
