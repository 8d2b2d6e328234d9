import { and, inArray } from 'drizzle-orm';
import { auditEvents, exportEvents, orderExports } from '../../drizzle/schema/index.ts';
import type { ExportState } from '../../shared/exports.ts';
import type { Actor } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { retrySet } from './actions/version.ts';
import { exportView, type ExportView } from './views.ts';
import { wakeExporters } from './signals.ts';

/** States an operator may run an export from: waiting for its trigger, for a person, or for its next retry. */
export const RUNNABLE_STATES: readonly ExportState[] = ['held', 'failed', 'escalated', 'pending'];

export interface RunResult {
  started: ExportView[];
  skipped: { id: string; state: ExportState | null; reason: string }[];
}

const SKIP_REASON: Partial<Record<ExportState, string>> = {
  waiting_for_configuration: 'The channel has no active order-export service yet.',
  in_progress: 'An attempt is running right now.',
  exported: 'IOM has the order already.',
  resolved: 'A person resolved it; retry it on its own to send it after all.',
};

/**
 * Runs exports now, whatever their trigger (the `manual` trigger's Run, and support's retry of one or many):
 * due at once, with a fresh allowance of automatic attempts, and the cause recorded on the next attempt.
 * Each run export gets an audit entry and a timeline event.
 */
export async function runExports(
  db: Db,
  actor: Actor,
  input: { exportIds: string[]; cause: 'manual' | 'bulk'; now?: Date },
): Promise<RunResult> {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.exportIds)];
  if (ids.length === 0) return { started: [], skipped: [] };
  const result = await db.transaction(async (tx) => {
    // Locked first, so the timeline can name the state each export was run from.
    const runnable = await tx
      .select({ id: orderExports.id, state: orderExports.state })
      .from(orderExports)
      .where(and(inArray(orderExports.id, ids), inArray(orderExports.state, [...RUNNABLE_STATES])))
      .for('update');
    const before = new Map(runnable.map((r) => [r.id, r.state]));
    const started = runnable.length
      ? await tx
          .update(orderExports)
          .set(retrySet(now, input.cause))
          .where(inArray(orderExports.id, [...before.keys()]))
          .returning()
      : [];
    const startedIds = new Set(started.map((r) => r.id));
    const others = ids.filter((id) => !startedIds.has(id));
    const rest = others.length
      ? await tx
          .select({ id: orderExports.id, state: orderExports.state })
          .from(orderExports)
          .where(inArray(orderExports.id, others))
      : [];
    const stateOf = new Map(rest.map((r) => [r.id, r.state]));
    // One audit entry and one timeline event per export, written in chunks (a run may hold thousands).
    for (let i = 0; i < started.length; i += 1000) {
      const chunk = started.slice(i, i + 1000);
      await tx.insert(auditEvents).values(
        chunk.map((row) => ({
          actorId: actor.id,
          actorEmail: actor.email,
          ip: actor.ip ?? null,
          action: 'export.run',
          targetType: 'order_export',
          targetId: row.id,
          targetLabel: row.shopOrderNumber,
          channelId: row.channelId,
          changes: [{ field: 'cause', from: null, to: input.cause }],
        })),
      );
      await tx.insert(exportEvents).values(
        chunk.map((row) => ({
          exportId: row.id,
          at: now,
          kind: 'retried' as const,
          actorId: actor.id,
          actorEmail: actor.email,
          fromState: before.get(row.id) ?? null,
          toState: row.state,
          message: before.get(row.id) === 'held' ? 'Run now instead of waiting for its trigger.' : 'Run now.',
          details: { cause: input.cause },
        })),
      );
    }
    return {
      started: started.map(exportView),
      skipped: others.map((id) => {
        const state = stateOf.get(id) ?? null;
        return { id, state, reason: state ? (SKIP_REASON[state] ?? 'Not runnable.') : 'No such export.' };
      }),
    };
  });
  if (result.started.length) wakeExporters();
  return result;
}
