import type { orderExports } from '../../drizzle/schema/exports.ts';

export type ExportRow = typeof orderExports.$inferSelect;

/** An export as the intake API and support see it: its state and the last outcome, never credentials. */
export function exportView(row: ExportRow) {
  return {
    id: row.id,
    channelId: row.channelId,
    shopOrderNumber: row.shopOrderNumber,
    state: row.state,
    outcome: row.outcome ?? null,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    heldFor: row.state === 'held' ? row.holdReason : null,
    releaseAt: row.releaseAt,
    approvedAt: row.approvedAt,
    location: row.location,
    lastError: row.lastErrorClass ? { class: row.lastErrorClass, message: row.lastErrorMessage } : null,
    needsFix: row.state === 'failed',
    escalatedAt: row.escalatedAt,
    exportedAt: row.exportedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type ExportView = ReturnType<typeof exportView>;
