import { describe, expect, it } from 'vitest';
import { EXPORT_STATES } from '../../shared/exports.ts';
import {
  addCounts,
  BULK_RETRYABLE_STATES,
  isBulkRetryable,
  jobChannels,
  NOT_BULK_RETRYABLE,
  scopeCovers,
  skipReasonOf,
} from '../../server/exports/bulk/rules.ts';

describe('what a bulk retry covers', () => {
  it('retries failed and escalated exports and says why for every other state', () => {
    expect([...BULK_RETRYABLE_STATES]).toEqual(['failed', 'escalated']);
    for (const state of EXPORT_STATES) {
      if (isBulkRetryable(state)) continue;
      expect(NOT_BULK_RETRYABLE[state as keyof typeof NOT_BULK_RETRYABLE]).toMatch(/^[A-Z].*\.$/);
      expect(skipReasonOf(state)).not.toBe('');
    }
    expect(skipReasonOf(null)).toMatch(/deleted/);
  });

  it('adds skip counts', () => {
    expect(addCounts({ a: 1 }, { a: 2, b: 1 })).toEqual({ a: 3, b: 1 });
    expect(addCounts({}, {})).toEqual({});
  });
});

describe('who sees a job', () => {
  it('needs channels that cover everything the job could touch', () => {
    expect(scopeCovers('all', 'all')).toBe(true);
    expect(scopeCovers(['b2c'], 'all')).toBe(false);
    expect(scopeCovers(['b2c'], jobChannels('b2c', 'all'))).toBe(true);
    expect(scopeCovers(['b2c'], jobChannels('b2b', 'all'))).toBe(false);
    expect(scopeCovers(['b2c', 'b2b'], jobChannels(undefined, ['b2c']))).toBe(true);
    expect(jobChannels('b2b', ['b2c'])).toEqual([]);
  });
});
