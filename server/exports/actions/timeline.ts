import { asc, eq } from 'drizzle-orm';
import { exportAttempts, exportEvents } from '../../../drizzle/schema/index.ts';
import type { ExportEventKind, ExportState } from '../../../shared/exports.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Db } from '../../db/client.ts';
import { getExport } from '../queries.ts';
import { redactAttemptLog } from './redact.ts';

type AttemptRow = typeof exportAttempts.$inferSelect;

export interface TimelineEvent {
  id: string;
  kind: ExportEventKind;
  actorEmail: string | null;
  fromState: ExportState | null;
  toState: ExportState | null;
  message: string | null;
  details: Record<string, unknown> | null;
}

export type TimelineEntry =
  { kind: 'attempt'; at: Date; attempt: AttemptRow } | { kind: 'event'; at: Date; event: TimelineEvent };

/**
 * Orders attempts and events oldest first; at the same instant an event comes first (a retry is recorded
 * before the attempt it causes). Pure.
 */
export function mergeTimeline(events: TimelineEntry[], attempts: TimelineEntry[]): TimelineEntry[] {
  return [...events, ...attempts].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1),
  );
}

/**
 * An export's history: what people and the intake did (events) and every attempt in full, oldest first.
 * Exports taken before events were recorded get their receipt from the export itself.
 */
export async function exportTimeline(db: Db, user: SessionUser, exportId: string): Promise<TimelineEntry[]> {
  const detail = await getExport(db, user, exportId);
  const [events, attempts] = await Promise.all([
    db.select().from(exportEvents).where(eq(exportEvents.exportId, exportId)).orderBy(asc(exportEvents.at)),
    db
      .select()
      .from(exportAttempts)
      .where(eq(exportAttempts.exportId, exportId))
      .orderBy(asc(exportAttempts.number)),
  ]);
  const eventEntries: TimelineEntry[] = events.map((e) => ({
    kind: 'event',
    at: e.at,
    event: {
      id: e.id,
      kind: e.kind,
      actorEmail: e.actorEmail,
      fromState: e.fromState,
      toState: e.toState,
      message: e.message,
      details: e.details,
    },
  }));
  if (!events.some((e) => e.kind === 'received'))
    eventEntries.unshift({
      kind: 'event',
      at: detail.createdAt,
      event: {
        id: `received:${exportId}`,
        kind: 'received',
        actorEmail: null,
        fromState: null,
        toState: null,
        message: 'Received from ICM through the intake API.',
        details: null,
      },
    });
  const attemptEntries: TimelineEntry[] = attempts.map((a) => ({
    kind: 'attempt',
    at: a.startedAt,
    attempt: redactAttemptLog(a),
  }));
  return mergeTimeline(eventEntries, attemptEntries);
}
