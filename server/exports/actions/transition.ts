import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { exportAttempts, exportEvents, orderExports } from '../../../drizzle/schema/index.ts';
import type { ExportEventKind, ExportState } from '../../../shared/exports.ts';
import type { FieldChange } from '../../../shared/schemas/audit.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { recordAudit, type Actor } from '../../audit/record.ts';
import { inScope } from '../../channels/scope.ts';
import type { Db, Tx } from '../../db/client.ts';
import { conflict, DomainError } from '../../errors.ts';
import { loadExport, missingExport } from '../queries.ts';
import type { ExportRow } from '../views.ts';
import { ACTION_STATES, describeLastChange, refusalOf, type ExportAction } from './rules.ts';
import { versionOf } from './version.ts';

export interface Transition {
  action: ExportAction;
  id: string;
  version: string;
  user: SessionUser;
  actor: Actor;
  /** Checks that need the current row (e.g. the payload's order number); throw to refuse. */
  check?: (row: ExportRow) => void | Promise<void>;
  /** The columns to set; must include `updatedAt: nextUpdatedAt(now)` so the version moves on. */
  set: (row: ExportRow) => Record<string, unknown>;
  event: (row: ExportRow) => {
    kind: ExportEventKind;
    message: string | null;
    details?: Record<string, unknown>;
  };
  audit: (row: ExportRow) => { action: string; changes: FieldChange[] };
  now: Date;
}

/** The refusal for a stale version or a state the action cannot start from, told the way a person can act on. */
async function refusal(tx: Tx, t: Transition, row: ExportRow, version: string): Promise<DomainError> {
  if (version !== t.version) {
    const [event] = await tx
      .select({ at: exportEvents.at, kind: exportEvents.kind, actorEmail: exportEvents.actorEmail })
      .from(exportEvents)
      .where(and(eq(exportEvents.exportId, row.id), sql`${exportEvents.kind} <> 'note'`))
      .orderBy(desc(exportEvents.at))
      .limit(1);
    const [attempt] = await tx
      .select({
        startedAt: exportAttempts.startedAt,
        durationMs: exportAttempts.durationMs,
        number: exportAttempts.number,
        outcome: exportAttempts.outcome,
      })
      .from(exportAttempts)
      .where(eq(exportAttempts.exportId, row.id))
      .orderBy(desc(exportAttempts.number))
      .limit(1);
    return conflict(
      describeLastChange({
        event: event ?? null,
        attempt: attempt ?? null,
        updatedAt: row.updatedAt,
        state: row.state,
      }),
      { version: 'This export changed since you opened it; reload it.' },
    );
  }
  const why = refusalOf(t.action, row) ?? 'This export cannot take this action now.';
  return new DomainError('BAD_REQUEST', why, { state: why });
}

/**
 * One action on one export: a single conditional UPDATE (its id, the version the person saw, a state the
 * action may start from), its timeline event and its audit entry, in one transaction. When the UPDATE finds
 * no row — someone else acted first, the exporter took it, or the state forbids the action — nothing is written
 * and the refusal says which. Two people acting at once: the second UPDATE waits for the first's row lock,
 * then sees the new version and changes nothing.
 */
export async function transition(db: Db, t: Transition): Promise<{ from: ExportState; to: ExportState }> {
  return db.transaction(async (tx) => {
    const found = await loadExport(tx, t.id);
    if (!found || !inScope(t.user, found.row.channelId)) throw missingExport();
    const { row, version } = found;
    if (version !== t.version || !ACTION_STATES[t.action].includes(row.state))
      throw await refusal(tx, t, row, version);
    await t.check?.(row);
    const [updated] = await tx
      .update(orderExports)
      .set(t.set(row))
      .where(
        and(
          eq(orderExports.id, t.id),
          eq(versionOf, t.version),
          inArray(orderExports.state, [...ACTION_STATES[t.action]]),
        ),
      )
      .returning({ state: orderExports.state });
    if (!updated) {
      const now = await loadExport(tx, t.id);
      if (!now) throw missingExport();
      throw await refusal(tx, t, now.row, now.version);
    }
    const event = t.event(row);
    await tx.insert(exportEvents).values({
      exportId: row.id,
      at: t.now,
      kind: event.kind,
      actorId: t.actor.id,
      actorEmail: t.actor.email,
      fromState: row.state,
      toState: updated.state,
      message: event.message,
      details: event.details ?? null,
    });
    const audit = t.audit(row);
    await recordAudit(tx, t.actor, {
      action: audit.action,
      targetType: 'order_export',
      targetId: row.id,
      targetLabel: row.shopOrderNumber,
      channelId: row.channelId,
      changes: audit.changes,
    });
    return { from: row.state, to: updated.state };
  });
}
