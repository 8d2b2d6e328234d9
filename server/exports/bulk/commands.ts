import { eq, sql } from 'drizzle-orm';
import { bulkRetryJobs } from '../../../drizzle/schema/index.ts';
import { EXPORT_STATES, type ExportState } from '../../../shared/exports.ts';
import type { ExportFilter } from '../../../shared/schemas/exports.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { recordAudit, type Actor } from '../../audit/record.ts';
import { channelScope } from '../../channels/scope.ts';
import type { Db, Tx } from '../../db/client.ts';
import { rowsOf } from '../../db/migrate.ts';
import { DomainError, forbidden } from '../../errors.ts';
import { whereOfFilter } from '../filter.ts';
import { bulkJobView, loadJob, type BulkJob, type StoredJobFilter } from './queries.ts';
import { BULK_RETRYABLE_STATES, isBulkRetryable, NOT_BULK_RETRYABLE } from './rules.ts';
import { wakeBulkRunners } from './signals.ts';

export interface BulkPreview {
  retryable: number;
  notRetryable: { state: ExportState; reason: string; count: number }[];
}

const retryableList = sql.raw(BULK_RETRYABLE_STATES.map((s) => `'${s}'`).join(', '));

/** How many exports matching the filter (and the user's channels) a bulk retry would send, and why not the rest. */
export async function previewBulkRetry(
  db: Db | Tx,
  user: SessionUser,
  filter: ExportFilter,
): Promise<BulkPreview> {
  const rows = rowsOf<{ state: ExportState; n: number | string }>(
    await db.execute(
      sql`select state, count(*) as n from order_exports where ${whereOfFilter(filter, user)} group by state`,
    ),
  );
  const count = new Map(rows.map((r) => [r.state, Number(r.n)]));
  return {
    retryable: BULK_RETRYABLE_STATES.reduce((sum, s) => sum + (count.get(s) ?? 0), 0),
    notRetryable: EXPORT_STATES.filter((s) => !isBulkRetryable(s) && (count.get(s) ?? 0) > 0).map(
      (state) => ({
        state,
        reason: NOT_BULK_RETRYABLE[state as keyof typeof NOT_BULK_RETRYABLE],
        count: count.get(state) ?? 0,
      }),
    ),
  };
}

const nothingToRetry = (preview: BulkPreview) => {
  const why = preview.notRetryable.length
    ? preview.notRetryable.map((n) => `${n.count} ${n.state.replaceAll('_', ' ')}: ${n.reason}`).join(' ')
    : 'no export matches it at all.';
  return new DomainError('BAD_REQUEST', `No export matches this filter and can be retried: ${why}`, {
    filter: 'No failed or escalated export matches this filter.',
  });
};

const jsonOf = (filter: ExportFilter) => JSON.parse(JSON.stringify(filter)) as Record<string, unknown>;

/**
 * Starts a bulk retry: in one transaction the job and its items — the matching failed and escalated exports,
 * in the order they were created — so the job covers exactly what a preview at this moment counts. The
 * runners (runner.ts) do the retrying in batches.
 */
export async function startBulkRetry(
  db: Db,
  user: SessionUser,
  actor: Actor,
  filter: ExportFilter,
  now = new Date(),
): Promise<BulkJob> {
  const job = await db.transaction(async (tx) => {
    const stored: StoredJobFilter = { filter: jsonOf(filter), scope: channelScope(user) };
    const [created] = await tx
      .insert(bulkRetryJobs)
      .values({
        createdById: user.id,
        createdByEmail: user.email,
        filter: stored as unknown as Record<string, unknown>,
        total: 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('bulk retry job not stored');
    const [inserted] = rowsOf<{ n: number | string }>(
      await tx.execute(sql`
        with items as (
          insert into bulk_retry_items (job_id, position, export_id)
          select ${created.id}::uuid, row_number() over (order by created_at, id), id
          from order_exports
          where ${whereOfFilter(filter, user)} and state in (${retryableList})
          returning 1
        )
        select count(*) as n from items`),
    );
    const total = Number(inserted?.n ?? 0);
    if (total === 0) throw nothingToRetry(await previewBulkRetry(tx, user, filter));
    const [started] = await tx
      .update(bulkRetryJobs)
      .set({ total })
      .where(eq(bulkRetryJobs.id, created.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'export.bulk_retry.start',
      targetType: 'bulk_retry_job',
      targetId: created.id,
      targetLabel: `${total} exports`,
      channelId: filter.channelId ?? null,
      changes: [
        { field: 'filter', from: null, to: stored.filter },
        { field: 'total', from: null, to: total },
      ],
    });
    return started ?? created;
  });
  wakeBulkRunners();
  return bulkJobView(job);
}

/**
 * Asks a running job to stop: the runner sees it before its next batch (within seconds) and reports how far it
 * got. A job no runner holds right now stops at once. Only its creator, or an admin or support user, may.
 */
export async function cancelBulkRetry(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<BulkJob> {
  const job = await db.transaction(async (tx) => {
    const row = await loadJob(tx, user, id, true);
    if (row.createdById !== user.id && user.role !== 'admin' && user.role !== 'support')
      throw forbidden(
        'Only the person who started this bulk retry, or an admin or support user, may cancel it.',
      );
    if (row.state === 'cancelling') return row;
    if (row.state !== 'running')
      throw new DomainError(
        'BAD_REQUEST',
        `This bulk retry has finished (${row.state} at ${row.finishedAt?.toISOString() ?? 'an unknown time'}, ${row.processed} of ${row.total} processed): there is nothing to cancel.`,
      );
    const unheld = !row.leaseOwner || !row.leaseExpiresAt || row.leaseExpiresAt < now;
    const [updated] = await tx
      .update(bulkRetryJobs)
      .set({
        state: unheld ? 'cancelled' : 'cancelling',
        cancelRequestedAt: now,
        cancelledBy: user.email,
        updatedAt: now,
        ...(unheld ? { finishedAt: now, leaseOwner: null, leaseExpiresAt: null } : {}),
      })
      .where(eq(bulkRetryJobs.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'export.bulk_retry.cancel',
      targetType: 'bulk_retry_job',
      targetId: id,
      targetLabel: `${row.total} exports`,
      changes: [
        { field: 'state', from: row.state, to: updated?.state ?? 'cancelling' },
        { field: 'processed', from: null, to: row.processed },
      ],
    });
    return updated ?? row;
  });
  wakeBulkRunners();
  return bulkJobView(job);
}
