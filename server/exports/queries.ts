import { asc, eq, inArray } from 'drizzle-orm';
import { exportAttempts, orderExports } from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { inScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { exportView, type ExportView } from './views.ts';

const missing = () =>
  notFound('This order export does not exist, or it belongs to a channel you do not manage.');

/** One export, for a user who may see its channel (others are told it does not exist). */
export async function getExport(db: Db, user: SessionUser, id: string): Promise<ExportView> {
  const [row] = await db.select().from(orderExports).where(eq(orderExports.id, id));
  if (!row || !inScope(user, row.channelId)) throw missing();
  return exportView(row);
}

/** Every attempt of an export, oldest first, as logged (the Authorization header is already redacted). */
export async function attemptsOfExport(db: Db, user: SessionUser, exportId: string) {
  await getExport(db, user, exportId);
  return db
    .select()
    .from(exportAttempts)
    .where(eq(exportAttempts.exportId, exportId))
    .orderBy(asc(exportAttempts.number));
}

/** Refuses the whole request when any of the exports is unknown or outside the user's channels. */
export async function assertExportsInScope(db: Db, user: SessionUser, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: orderExports.id, channelId: orderExports.channelId })
    .from(orderExports)
    .where(inArray(orderExports.id, unique));
  if (rows.length !== unique.length || rows.some((r) => !inScope(user, r.channelId))) throw missing();
}
