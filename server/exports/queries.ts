import { asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { channels, exportAttempts, orderExports } from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { inScope } from '../channels/scope.ts';
import type { Db, Tx } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { redactAttemptLog } from './actions/redact.ts';
import { versionOf } from './actions/version.ts';
import { exportDetailView, type ExportDetail, type ExportRow } from './views.ts';

export const missingExport = () =>
  notFound('This order export does not exist, or it belongs to a channel you do not manage.');

/** An export row with its version token and channel name, or null. */
export async function loadExport(
  db: Db | Tx,
  id: string,
): Promise<{ row: ExportRow; version: string; channelName: string | null } | null> {
  const [found] = await db
    .select({ row: getTableColumns(orderExports), version: versionOf, channelName: channels.name })
    .from(orderExports)
    .leftJoin(channels, eq(channels.id, orderExports.channelId))
    .where(eq(orderExports.id, id));
  return found ?? null;
}

/** One export in full, for a user who may see its channel (others are told it does not exist). */
export async function getExport(db: Db | Tx, user: SessionUser, id: string): Promise<ExportDetail> {
  const found = await loadExport(db, id);
  if (!found || !inScope(user, found.row.channelId)) throw missingExport();
  return exportDetailView(found.row, found);
}

/** Every attempt of an export, oldest first, as logged (the Authorization header is already redacted). */
export async function attemptsOfExport(db: Db, user: SessionUser, exportId: string) {
  await getExport(db, user, exportId);
  const rows = await db
    .select()
    .from(exportAttempts)
    .where(eq(exportAttempts.exportId, exportId))
    .orderBy(asc(exportAttempts.number));
  // The exporter stores `Authorization: Basic (redacted)`; this is the second guard, as in the timeline.
  return rows.map((row) => redactAttemptLog(row));
}

/** Refuses the whole request when any of the exports is unknown or outside the user's channels. */
export async function assertExportsInScope(db: Db, user: SessionUser, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: orderExports.id, channelId: orderExports.channelId })
    .from(orderExports)
    .where(inArray(orderExports.id, unique));
  if (rows.length !== unique.length || rows.some((r) => !inScope(user, r.channelId))) throw missingExport();
}
