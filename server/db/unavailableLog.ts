import type { Logger } from '../logger.ts';
import { sqlState } from './errors.ts';

/** Writes that the database could not serve a request: one line per episode rather than one per request. */
export type UnavailableLog = (log: Logger, error: unknown, where: string) => void;

/**
 * While the database is down or too busy, every request fails the same way: a thousand identical lines a
 * minute would bury what else happens. The first occurrence is logged; after it, at most one line per
 * `intervalMs`, telling how many were left out since the previous one.
 */
export function unavailableLog(options: { intervalMs?: number; now?: () => number } = {}): UnavailableLog {
  const intervalMs = options.intervalMs ?? 30_000;
  const now = options.now ?? Date.now;
  let loggedAt = Number.NEGATIVE_INFINITY;
  let leftOut = 0;
  return (log, error, where) => {
    const at = now();
    if (at - loggedAt < intervalMs) {
      leftOut += 1;
      return;
    }
    log.warn(
      { err: error, sqlState: sqlState(error), where, ...(leftOut > 0 ? { leftOut } : {}) },
      leftOut > 0
        ? `database unavailable (again; ${leftOut} more since the previous line were not logged)`
        : 'database unavailable; requests answer 503 until it serves again',
    );
    loggedAt = at;
    leftOut = 0;
  };
}
