import type { orderExports } from '../../drizzle/schema/exports.ts';
import { outcomeClassOf } from './actions/rules.ts';

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

/**
 * An export as support's detail page shows it: the API's view plus the order itself, the version token every
 * action must bring back (see actions/version.ts), and who is on it or closed it.
 */
export function exportDetailView(row: ExportRow, extra: { version: string; channelName: string | null }) {
  return {
    ...exportView(row),
    channelName: extra.channelName,
    payload: row.payload,
    version: extra.version,
    outcomeClass: outcomeClassOf(row.outcome),
    lastIomErrorCode: row.lastIomErrorCode,
    lastAttemptAt: row.lastAttemptAt,
    ownerId: row.ownerId,
    ownerEmail: row.ownerEmail,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
  };
}
export type ExportDetail = ReturnType<typeof exportDetailView>;
