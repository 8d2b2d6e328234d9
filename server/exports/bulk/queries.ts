import { desc, eq } from 'drizzle-orm';
import { bulkRetryJobs } from '../../../drizzle/schema/index.ts';
import { exportFilterSchema } from '../../../shared/schemas/exports.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { channelScope } from '../../channels/scope.ts';
import type { Db, Tx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { jobChannels, scopeCovers, type JobScope } from './rules.ts';

export type BulkJobRow = typeof bulkRetryJobs.$inferSelect;

/** What a job stores in its `filter` column: the filter as given and the creator's channel scope then. */
export interface StoredJobFilter {
  filter: Record<string, unknown>;
  scope: JobScope;
}

export function storedFilterOf(row: BulkJobRow): StoredJobFilter {
  const stored = row.filter as Partial<StoredJobFilter>;
  return { filter: stored.filter ?? {}, scope: stored.scope ?? [] };
}

/** A job as support sees it: progress, why exports were skipped, who started it with which filter. */
export function bulkJobView(row: BulkJobRow) {
  const stored = storedFilterOf(row);
  const parsed = exportFilterSchema.safeParse(stored.filter);
  return {
    id: row.id,
    state: row.state,
    total: row.total,
    processed: row.processed,
    retried: row.retried,
    skipped: row.skipped,
    skippedReasons: row.skippedReasons,
    createdByEmail: row.createdByEmail,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    filter: parsed.success ? parsed.data : stored.filter,
    error: row.error,
    cancelledBy: row.cancelledBy,
  };
}
export type BulkJob = ReturnType<typeof bulkJobView>;

/** Whether the user may see the job: their channels cover every channel the job may have touched. */
export function userSeesJob(user: SessionUser, row: BulkJobRow): boolean {
  const stored = storedFilterOf(row);
  const channelId = typeof stored.filter.channelId === 'string' ? stored.filter.channelId : undefined;
  return scopeCovers(channelScope(user), jobChannels(channelId, stored.scope));
}

export const missingJob = () =>
  notFound('This bulk retry does not exist, or it covers channels you do not manage.');

export async function loadJob(db: Db | Tx, user: SessionUser, id: string, lock = false): Promise<BulkJobRow> {
  const query = db.select().from(bulkRetryJobs).where(eq(bulkRetryJobs.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !userSeesJob(user, row)) throw missingJob();
  return row;
}

export async function getBulkJob(db: Db, user: SessionUser, id: string): Promise<BulkJob> {
  return bulkJobView(await loadJob(db, user, id));
}

/** The latest jobs the user may see, newest first. */
export async function listBulkJobs(db: Db, user: SessionUser, limit = 20): Promise<BulkJob[]> {
  const rows = await db
    .select()
    .from(bulkRetryJobs)
    .orderBy(desc(bulkRetryJobs.createdAt))
    .limit(limit * 5);
  return rows
    .filter((r) => userSeesJob(user, r))
    .slice(0, limit)
    .map(bulkJobView);
}
