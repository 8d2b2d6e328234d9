/** What to tell someone whose text holds a NUL byte, which PostgreSQL text cannot store. */
export const NUL_BYTE_MESSAGE = 'Remove the NUL character (\\u0000); text cannot hold it.';

/**
 * Where in a raw value (parsed JSON, YAML, a request body) a text or key holds a NUL byte, at most `limit`
 * places, first found first. Depth-bounded: deeper values are left to the schema that reads them.
 */
export function nulBytePaths(value: unknown, limit = 20): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (inner: unknown, path: (string | number)[], depth: number) => {
    if (found.length >= limit) return;
    if (typeof inner === 'string') {
      if (inner.includes('\u0000')) found.push(path);
      return;
    }
    if (depth > 32 || inner === null || typeof inner !== 'object') return;
    for (const [key, next] of Object.entries(inner as Record<string, unknown>)) {
      const at = [...path, Array.isArray(inner) ? Number(key) : key];
      if (key.includes('\u0000')) found.push(at);
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
 * unpaired UTF-16 surrogate in its strings and keys replaced by U+FFFD, the replacement character. PostgreSQL
 * refuses both in text and jsonb. Used where such text is kept as a record of what arrived, not refused.
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
