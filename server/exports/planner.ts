import { and, eq, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { exportAttempts, exportWorkers, orderExports } from '../../drizzle/schema/exports.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import { exportTargets } from './config.ts';
import { nextScheduledRelease } from './trigger.ts';

/** Any constant: only one worker at a time re-plans the waiting exports. */
const PLANNER_LOCK_KEY = 73_120_007;

/**
 * Re-applies each channel's current effective configuration to the exports that have not started — those
 * waiting for a configuration or held for their trigger — the set-based twin of `place()`: a configuration
 * that became active releases its orders, a changed trigger applies to held orders from now on, an approved
 * order under `on-order-approval` and a scheduled batch whose time came become due. Returns how many moved.
 */
export async function planWaitingExports(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${PLANNER_LOCK_KEY}) as locked`),
    );
    if (!lock?.locked) return 0;
    const channelRows = await tx
      .selectDistinct({ channelId: orderExports.channelId })
      .from(orderExports)
      .where(inArray(orderExports.state, ['held', 'waiting_for_configuration']));
    const targets = await exportTargets(
      tx,
      channelRows.map((c) => c.channelId),
    );
    let moved = 0;
    // Exports held for an undecryptable credential (credentialHold.ts) are not waiting for their trigger:
    // they stay until the configuration is saved again (below) or an exporter restarts.
    const forCredentials = and(eq(orderExports.state, 'held'), eq(orderExports.holdReason, 'credentials'));
    const waiting = and(
      inArray(orderExports.state, ['held', 'waiting_for_configuration']),
      or(isNull(orderExports.holdReason), ne(orderExports.holdReason, 'credentials')),
    );
    const move = async (
      channelId: string,
      where: SQL | undefined,
      set: Partial<typeof orderExports.$inferInsert>,
      among: SQL | undefined = waiting,
    ) => {
      const rows = await tx
        .update(orderExports)
        .set({ ...set, updatedAt: now })
        .where(and(eq(orderExports.channelId, channelId), among, where))
        .returning({ id: orderExports.id });
      moved += rows.length;
    };
    const due = { state: 'pending', holdReason: null, releaseAt: null, nextAttemptAt: now } as const;
    const notYet = (reason: 'on-order-approval' | 'manual' | 'scheduled') =>
      or(
        eq(orderExports.state, 'waiting_for_configuration'),
        isNull(orderExports.holdReason),
        ne(orderExports.holdReason, reason),
      );
    for (const { channelId } of channelRows) {
      const target = targets.get(channelId) ?? null;
      if (!target) {
        await move(
          channelId,
          eq(orderExports.state, 'held'),
          { state: 'waiting_for_configuration', holdReason: null, releaseAt: null },
          inArray(orderExports.state, ['held', 'waiting_for_configuration']),
        );
        continue;
      }
      // A configuration saved after the export was held (a password typed again) may decrypt now.
      await move(channelId, lt(orderExports.updatedAt, target.config.updatedAt), due, forCredentials);
      const { exportTrigger, scheduleIntervalMinutes } = target.settings;
      if (exportTrigger === 'on-order-creation') await move(channelId, undefined, due);
      if (exportTrigger === 'on-order-approval') {
        await move(channelId, isNotNull(orderExports.approvedAt), due);
        await move(channelId, and(isNull(orderExports.approvedAt), notYet(exportTrigger)), {
          state: 'held',
          holdReason: exportTrigger,
          releaseAt: null,
        });
      }
      if (exportTrigger === 'manual')
        await move(channelId, notYet(exportTrigger), {
          state: 'held',
          holdReason: exportTrigger,
          releaseAt: null,
        });
      if (exportTrigger === 'scheduled') {
        const next = nextScheduledRelease(now, scheduleIntervalMinutes ?? 60);
        await move(
          channelId,
          and(eq(orderExports.holdReason, 'scheduled'), lte(orderExports.releaseAt, now)),
          due,
        );
        await move(
          channelId,
          or(
            notYet(exportTrigger),
            isNull(orderExports.releaseAt),
            sql`${orderExports.releaseAt} > ${next.toISOString()}::timestamptz`,
          ),
          {
            state: 'held',
            holdReason: 'scheduled',
            releaseAt: next,
          },
        );
      }
    }
    return moved;
  });
}

/**
 * Deletes attempt logs older than the retention, of exports that are done (exported); the attempts of exports
 * that still need a person stay. Also forgets workers that stopped a day ago. Returns the attempts deleted.
 */
export async function purgeOldAttempts(
  db: Db,
  now: Date,
  retentionDays: number,
  batch = 5000,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const old = db
      .select({ id: exportAttempts.id })
      .from(exportAttempts)
      .innerJoin(orderExports, eq(orderExports.id, exportAttempts.exportId))
      .where(and(lt(exportAttempts.startedAt, cutoff), eq(orderExports.state, 'exported')))
      .limit(batch);
    const deleted = await db
      .delete(exportAttempts)
      .where(inArray(exportAttempts.id, old))
      .returning({ id: exportAttempts.id });
    total += deleted.length;
    if (deleted.length < batch) break;
  }
  await db.delete(exportWorkers).where(lt(exportWorkers.heartbeatAt, new Date(now.getTime() - 86_400_000)));
  return total;
}
