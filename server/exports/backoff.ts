/** Exponential backoff for technical errors: doubling from the initial delay, with jitter, capped at one hour. */

export const MAX_RETRY_DELAY_MS = 3_600_000;
/** A delay is drawn from [ceiling × (1 − JITTER), ceiling]: spread, yet each retry still waits longer. */
export const JITTER = 0.2;

/** The longest wait after the `failedAttempts`-th failure in a row (1 = the first failure). */
export function backoffCeilingMs(initialDelaySeconds: number, failedAttempts: number): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 40));
  return Math.min(MAX_RETRY_DELAY_MS, initialDelaySeconds * 1000 * 2 ** exponent);
}

/** The wait before the next attempt; `random` in [0, 1) picks the jitter (injectable for tests). */
export function backoffDelayMs(
  initialDelaySeconds: number,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const ceiling = backoffCeilingMs(initialDelaySeconds, failedAttempts);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling * (1 - JITTER * r));
}

/** The longest `Retry-After` honoured: IOM's wish is the least wait, but an export is not parked for days. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * IOM's `Retry-After` (RFC 9110: delta-seconds, or an HTTP date) as a wait from `now`, capped at a day; null
 * when the header is absent or unreadable. A date in the past means no wait.
 */
export function retryAfterMs(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (!Number.isFinite(at) || !/[a-z]/i.test(text)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}
