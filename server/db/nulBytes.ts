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
