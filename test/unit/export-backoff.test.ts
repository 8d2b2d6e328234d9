import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffCeilingMs,
  backoffDelayMs,
  JITTER,
  MAX_RETRY_AFTER_MS,
  MAX_RETRY_DELAY_MS,
  retryAfterMs,
} from '../../server/exports/backoff.ts';
import { decideNext } from '../../server/exports/decide.ts';
import { DEFAULT_EXPORT_SETTINGS } from '../../server/exports/trigger.ts';

const initial = fc.integer({ min: 1, max: 3600 });
const failures = fc.integer({ min: 1, max: 200 });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('retry backoff', () => {
  it('doubles from the initial delay', () => {
    expect([1, 2, 3, 4].map((n) => backoffCeilingMs(30, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffCeilingMs(30, 20)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('never waits longer than an hour', () => {
    fc.assert(
      fc.property(
        initial,
        failures,
        random,
        (i, n, r) => backoffDelayMs(i, n, () => r) <= MAX_RETRY_DELAY_MS,
      ),
    );
  });

  it('has a bound that never decreases with more failures', () => {
    fc.assert(fc.property(initial, failures, (i, n) => backoffCeilingMs(i, n + 1) >= backoffCeilingMs(i, n)));
  });

  it('keeps the jitter within its range below the bound', () => {
    fc.assert(
      fc.property(initial, failures, random, (i, n, r) => {
        const ceiling = backoffCeilingMs(i, n);
        const delay = backoffDelayMs(i, n, () => r);
        return delay <= ceiling && delay >= Math.floor(ceiling * (1 - JITTER));
      }),
    );
  });

  it('waits strictly longer after each failure until the cap, whatever the jitter', () => {
    fc.assert(
      fc.property(initial, fc.integer({ min: 1, max: 30 }), random, random, (i, n, r1, r2) => {
        fc.pre(backoffCeilingMs(i, n + 1) < MAX_RETRY_DELAY_MS);
        return backoffDelayMs(i, n + 1, () => r2) > backoffDelayMs(i, n, () => r1);
      }),
    );
  });
});

describe('what follows an attempt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const settings = {
    ...DEFAULT_EXPORT_SETTINGS,
    maxAttempts: 4,
    escalationThreshold: 2,
    retryInitialDelaySeconds: 10,
  };
  const next = (
    outcome: Parameters<typeof decideNext>[0]['outcome'],
    runAttempts: number,
    alreadyEscalated = false,
  ) => decideNext({ outcome, runAttempts, settings, alreadyEscalated, now, random: () => 0 });

  it('exports created and duplicate orders, and stops on validation errors', () => {
    expect(next('created', 3)).toEqual({ state: 'exported', nextAttemptAt: null, escalateNow: false });
    expect(next('duplicate', 1).state).toBe('exported');
    expect(next('validation_error', 1)).toEqual({ state: 'failed', nextAttemptAt: null, escalateNow: false });
  });

  it('retries technical errors, escalates once at the threshold and stops at maxAttempts', () => {
    expect(next('technical_error', 1)).toEqual({
      state: 'pending',
      nextAttemptAt: new Date(now.getTime() + 10_000),
      escalateNow: false,
    });
    expect(next('technical_error', 2)).toMatchObject({ state: 'escalated', escalateNow: true });
    expect(next('technical_error', 3, true)).toMatchObject({ state: 'escalated', escalateNow: false });
    expect(next('technical_error', 4, true)).toEqual({
      state: 'escalated',
      nextAttemptAt: null,
      escalateNow: false,
    });
  });

  it('never leaves a technical error as failed, for any attempt count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.boolean(),
        (n, escalated) => next('technical_error', n, escalated).state !== 'failed',
      ),
    );
  });
});

describe("IOM's Retry-After", () => {
  const now = new Date('2026-03-02T10:00:00Z');

  it('reads delta-seconds and HTTP dates, capped at a day; a past date means no wait', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 02 Mar 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
    for (const unreadable of [null, undefined, '', 'soon', '-5', '1.5', '2026-03-02'])
      expect(retryAfterMs(unreadable, now), String(unreadable)).toBeNull();
  });

  it('is the least wait before the next attempt, never shortening the backoff', () => {
    const settings = {
      ...DEFAULT_EXPORT_SETTINGS,
      maxAttempts: 8,
      escalationThreshold: 5,
      retryInitialDelaySeconds: 10,
    };
    const after = (retryAfter: string | null, runAttempts = 1) =>
      (decideNext({
        outcome: 'technical_error',
        runAttempts,
        settings,
        alreadyEscalated: false,
        now,
        random: () => 0,
        retryAfter,
      }).nextAttemptAt?.getTime() ?? 0) - now.getTime();
    expect(after(null)).toBe(10_000);
    expect(after('600')).toBe(600_000);
    expect(after('3')).toBe(10_000);
    expect(after('Mon, 02 Mar 2026 11:00:00 GMT')).toBe(3_600_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 1, max: 7 }), (seconds, n) => {
        const wait = after(String(seconds), n);
        return wait >= seconds * 1000 && wait >= after(null, n);
      }),
    );
  });
});
