import type { ExportOutcome, ExportState } from '../../shared/exports.ts';
import { backoffDelayMs, retryAfterMs } from './backoff.ts';
import type { ExportSettings } from './trigger.ts';

export interface NextStep {
  state: Extract<ExportState, 'exported' | 'failed' | 'pending' | 'escalated'>;
  nextAttemptAt: Date | null;
  /** True on the attempt that crosses the escalation threshold (escalation happens once). */
  escalateNow: boolean;
}

/**
 * What follows an attempt. Created and duplicate: exported. Validation errors: failed, no automatic retry
 * ("needs a fix"; collisions are validation errors). Technical errors: retried unchanged with backoff while
 * fewer than maxAttempts were made in this run — never sooner than IOM's `Retry-After` asks; from
 * escalationThreshold failed attempts on the export is escalated (and keeps its retries).
 * `runAttempts` includes the attempt just made. Pure.
 */
export function decideNext(input: {
  outcome: ExportOutcome;
  runAttempts: number;
  settings: ExportSettings;
  alreadyEscalated: boolean;
  now: Date;
  random?: () => number;
  /** IOM's `Retry-After` header on a 429 or 503: the least wait before the next attempt. */
  retryAfter?: string | null;
}): NextStep {
  const { outcome, runAttempts, settings } = input;
  if (outcome === 'created' || outcome === 'duplicate')
    return { state: 'exported', nextAttemptAt: null, escalateNow: false };
  if (outcome === 'validation_error') return { state: 'failed', nextAttemptAt: null, escalateNow: false };
  const retry = runAttempts < settings.maxAttempts;
  const escalated = input.alreadyEscalated || runAttempts >= settings.escalationThreshold || !retry;
  const delay = Math.max(
    backoffDelayMs(settings.retryInitialDelaySeconds, runAttempts, input.random),
    retryAfterMs(input.retryAfter, input.now) ?? 0,
  );
  return {
    state: escalated ? 'escalated' : 'pending',
    nextAttemptAt: retry ? new Date(input.now.getTime() + delay) : null,
    escalateNow: escalated && !input.alreadyEscalated,
  };
}
