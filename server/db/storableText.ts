/** In a unicode regex a paired surrogate is one code point; only an unpaired one is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why PostgreSQL cannot store a text, as advice to whoever sent it, or null when it can: a NUL character, or
 * an unpaired UTF-16 surrogate (JSON's "\ud800"), which jsonb refuses and text would silently alter.
 */
export function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'Remove the NUL character (\\u0000); text cannot hold it.';
  if (LONE_SURROGATE.test(text))
    return 'Send valid Unicode: this text holds an unpaired UTF-16 surrogate (such as "\\ud800").';
  return null;
}

export interface UnstorableText {
  path: (string | number)[];
  message: string;
}

/**
 * Where in a raw value (parsed JSON, YAML, a request's input) a text or key cannot be stored, and why: at most
 * `limit` places, first found first. Depth-bounded: deeper values are left to the schema that reads them.
 */
export function unstorableTexts(value: unknown, limit = 20): UnstorableText[] {
  const found: UnstorableText[] = [];
  const walk = (inner: unknown, path: (string | number)[], depth: number) => {
    if (found.length >= limit) return;
    if (typeof inner === 'string') {
      const message = unstorableReason(inner);
      if (message) found.push({ path, message });
      return;
    }
    if (depth > 32 || inner === null || typeof inner !== 'object') return;
    for (const [key, next] of Object.entries(inner as Record<string, unknown>)) {
      const at = [...path, Array.isArray(inner) ? Number(key) : key];
      const message = unstorableReason(key);
      if (message) found.push({ path: at, message });
      else walk(next, at, depth + 1);
      if (found.length >= limit) return;
    }
  };
  walk(value, [], 0);
  return found;
}

/** NUL, and UTF-16 surrogates without their pair (in a unicode regex a paired surrogate is one code point). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this finds
const UNSTORABLE = /\u0000|\p{Cs}/gu;

/**
 * A copy of a value from outside (an IOM answer, say) that PostgreSQL can store: every NUL character and every
 * unpaired UTF-16 surrogate in its strings and keys replaced by U+FFFD, the replacement character (see
 * unstorableReason). Used where such text is kept as a record of what arrived, not refused.
 */
export function storableCopy<T>(value: T): T {
  const clean = (text: string) => text.replace(UNSTORABLE, '\uFFFD');
  const walk = (inner: unknown): unknown => {
    if (typeof inner === 'string') return clean(inner);
    if (Array.isArray(inner)) return inner.map(walk);
    if (inner === null || typeof inner !== 'object' || inner instanceof Date) return inner;
    return Object.fromEntries(Object.entries(inner).map(([key, next]) => [clean(key), walk(next)]));
  };
  return walk(value) as T;
}
