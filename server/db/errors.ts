/** PostgreSQL's SQLSTATE of an error from either driver (drizzle may wrap it as the cause). */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

/** Driver codes (postgres.js, Node's net) of a connection that could not be made or was cut. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a database that is there but cannot serve now: 55P03 a lock not granted within lock_timeout,
 * 57014 a statement cancelled (statement_timeout), 53300 no connection slot left. Like a database that is
 * down, these pass: the request answers 503, the worker keeps IOM's answer and records it again.
 */
const BUSY_STATES = new Set(['55P03', '57014', '53300']);

/**
 * Whether an error means the database is unreachable or too busy for now (refused, cut, shutting down,
 * starting up, a bounded wait ran out, no connection slot), as opposed to a fault in the query: callers
 * answer 503 or wait for it, instead of failing for good.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code)) return true;
      // 08: connection exception; 57P01–57P03: shutdown, crash shutdown, cannot connect now (starting up).
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
      if (BUSY_STATES.has(code)) return true;
    }
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some(isDatabaseUnavailable)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is not reachable or too busy right now, so Switchboard cannot serve this request. Try again in a few seconds.';
