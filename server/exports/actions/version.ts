import { sql } from 'drizzle-orm';
import { orderExports } from '../../../drizzle/schema/exports.ts';

/**
 * The version token of an export: its `updated_at` in UTC with all six fractional digits, as PostgreSQL itself
 * renders it. JavaScript dates keep milliseconds only, so the token is made and compared in SQL (as text: a
 * malformed token cannot break the statement, it just does not match).
 */
export const versionOf = sql<string>`to_char(${orderExports.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The next `updated_at` of a change made by a person: `now`, but always later than the current value, so the
 * token changes on every action even when two land within one clock tick (or a test's clock stands still).
 */
export const nextUpdatedAt = (now: Date) =>
  sql`greatest(${now.toISOString()}::timestamptz, ${orderExports.updatedAt} + interval '1 microsecond')`;

/** What every retry sets, one export or a bulk job's batch: due now, a fresh allowance, no hold or closure. */
export const retrySet = (now: Date, cause: 'manual' | 'bulk') => ({
  state: 'pending' as const,
  nextAttemptAt: now,
  nextCause: cause,
  runAttempts: 0,
  holdReason: null,
  releaseAt: null,
  escalatedAt: null,
  ownerId: null,
  ownerEmail: null,
  acknowledgedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  resolution: null,
  updatedAt: nextUpdatedAt(now),
});
