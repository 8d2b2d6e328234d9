import { sql } from 'drizzle-orm';
import type { AttemptCause, ExportOutcome } from '../../shared/exports.ts';
import type { Db } from '../db/client.ts';
import { storableCopy } from '../db/storableText.ts';
import { rowsOf } from '../db/migrate.ts';
import type { AttemptRecord } from './attempt.ts';
import type { NextStep } from './decide.ts';

export interface AttemptOutcome {
  exportId: string;
  worker: string;
  cause: AttemptCause;
  startedAt: Date;
  record: Pick<AttemptRecord, 'durationMs' | 'request' | 'response' | 'lookup' | 'location'> & {
    result: {
      outcome: ExportOutcome;
      errorClass: string | null;
      message: string | null;
      warning?: string;
      iomErrors?: { code: string; message: string; value?: unknown }[];
    };
  };
  next: NextStep;
  now: Date;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Stores an attempt and the export's next state in one statement (so one transaction) — only while this
 * worker still holds the lease: a worker that lost it, e.g. after a long pause, must not overwrite the one
 * that took over. Returns the attempt number, or null when the lease was lost.
 */
export async function recordAttempt(db: Db, attempt: AttemptOutcome): Promise<number | null> {
  // IOM's answer is kept as it came, but for NUL characters and unpaired surrogates: PostgreSQL cannot store
  // them, and a record that fails would leave the export to be sent again and again.
  const a = { ...attempt, record: storableCopy(attempt.record) };
  const { result, location } = a.record;
  const exported = a.next.state === 'exported';
  const rows = rowsOf<{ number: number }>(
    await db.execute(sql`
      with updated as (
        update order_exports set
          state = ${a.next.state}, outcome = ${result.outcome},
          attempts = attempts + 1, run_attempts = run_attempts + 1,
          next_attempt_at = ${iso(a.next.nextAttemptAt)}::timestamptz, next_cause = 'automatic',
          lease_owner = null, lease_expires_at = null,
          last_error_class = ${exported ? null : result.errorClass},
          last_error_message = ${exported ? null : result.message},
          last_iom_error_code = ${exported ? null : (result.iomErrors?.[0]?.code ?? null)},
          last_attempt_at = ${iso(a.startedAt)}::timestamptz,
          location = coalesce(${location}::text, location),
          exported_at = coalesce(${exported ? iso(a.now) : null}::timestamptz, exported_at),
          escalated_at = coalesce(${a.next.escalateNow ? iso(a.now) : null}::timestamptz, escalated_at),
          updated_at = ${iso(a.now)}::timestamptz
        where id = ${a.exportId} and lease_owner = ${a.worker} and state = 'in_progress'
        returning id, channel_id, attempts
      )
      insert into export_attempts (export_id, channel_id, number, cause, worker, started_at, duration_ms, request, response,
        lookup, outcome, error_class, error_message, iom_errors, warning, next_attempt_at, state_after)
      select id, channel_id, attempts, ${a.cause}, ${a.worker}, ${iso(a.startedAt)}::timestamptz, ${a.record.durationMs},
        ${json(a.record.request)}::jsonb, ${json(a.record.response)}::jsonb, ${json(a.record.lookup)}::jsonb,
        ${result.outcome}, ${result.errorClass}, ${result.message}, ${json(result.iomErrors)}::jsonb,
        ${result.warning ?? null}, ${iso(a.next.nextAttemptAt)}::timestamptz, ${a.next.state}
      from updated
      returning number`),
  );
  return rows[0]?.number ?? null;
}
