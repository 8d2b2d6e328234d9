import { asc, eq, sql } from 'drizzle-orm';
import { exportAttempts } from '../../drizzle/schema/exports.ts';
import type { ExportOutcome } from '../../shared/exports.ts';
import { fingerprintOf, type IomOrderFingerprint } from '../../shared/iomFingerprint.ts';
import type { Db } from '../db/client.ts';
import { canonicalJson } from './validate.ts';

/** What the next attempt needs to know of an earlier one. */
export interface EarlierAttempt {
  outcome: ExportOutcome;
  errorClass: string | null;
  /** The status IOM (or a gateway) answered the POST with, if any. */
  responseStatus: number | null;
  /** The order as that attempt sent it (technical errors only; null when nothing was sent). */
  body: string | null;
}

/**
 * Error classes of attempts after which IOM may hold the order although no answer said so: the worker died or
 * stopped mid-request, no answer came after sending, a 2xx proved nothing, or asking IOM afterwards failed.
 */
const MAY_HAVE_REACHED_IOM = new Set([
  'worker_lost',
  'interrupted',
  'timeout',
  'connection_reset',
  'other',
  'unproven',
  'garbage',
  'lookup_failed',
  'lookup_incomplete',
]);

/** Failures before anything reached IOM's address: nothing that attempt sent can be in IOM. */
const NEVER_CONNECTED = new Set(['connection_refused', 'connect_timeout', 'dns', 'unreachable', 'tls']);

/** Whether IOM may hold the order because of this attempt: then IOM is asked before the order is sent again. */
export function mayHaveReachedIom(attempt: EarlierAttempt): boolean {
  if (attempt.outcome !== 'technical_error') return false;
  if (attempt.errorClass === 'http_5xx')
    return attempt.responseStatus === 502 || attempt.responseStatus === 504;
  return MAY_HAVE_REACHED_IOM.has(attempt.errorClass ?? '');
}

export interface ExportHistory {
  /** Ask IOM whether it holds the order before sending it again. */
  askFirst: boolean;
  /**
   * The versions earlier attempts sent without a clear answer (technical errors after connecting) that differ
   * from the order now: after support edited the order, IOM may hold one of them.
   */
  earlier: IomOrderFingerprint[];
}

/** What earlier attempts mean for the next one, from their log. Pure. */
export function historyOf(attempts: readonly EarlierAttempt[], payload: unknown): ExportHistory {
  const now = canonicalJson(payload);
  const seen = new Set<string>();
  const earlier: IomOrderFingerprint[] = [];
  for (const a of attempts) {
    if (a.outcome !== 'technical_error' || !a.body || NEVER_CONNECTED.has(a.errorClass ?? '')) continue;
    let sent: unknown;
    try {
      sent = JSON.parse(a.body);
    } catch {
      continue; // not an order the exporter sent (hand-edited log?): nothing to compare
    }
    if (canonicalJson(sent) === now) continue;
    const result = fingerprintOf(sent);
    if (!result.ok) continue;
    const key = JSON.stringify(result.fingerprint);
    if (seen.has(key)) continue;
    seen.add(key);
    earlier.push(result.fingerprint);
  }
  return { askFirst: attempts.some(mayHaveReachedIom), earlier };
}

/** The export's earlier attempts, oldest first; bodies only where historyOf reads them. */
export async function loadEarlierAttempts(db: Db, exportId: string): Promise<EarlierAttempt[]> {
  return db
    .select({
      outcome: exportAttempts.outcome,
      errorClass: exportAttempts.errorClass,
      responseStatus: sql<number | null>`(${exportAttempts.response}->>'status')::int`,
      body: sql<
        string | null
      >`case when ${exportAttempts.outcome} = 'technical_error' then ${exportAttempts.request}->>'body' end`,
    })
    .from(exportAttempts)
    .where(eq(exportAttempts.exportId, exportId))
    .orderBy(asc(exportAttempts.number));
}
