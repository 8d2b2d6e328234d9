import { and, eq, inArray, sql } from 'drizzle-orm';
import { exportWorkers, orderExports } from '../../drizzle/schema/exports.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import type { ExportRow } from './views.ts';

export interface Claimed {
  row: ExportRow;
  /** The worker whose lease ran out while its attempt was open: that attempt's answer is lost. */
  lostFrom: string | null;
}

const iso = (d: Date) => d.toISOString();

const claimSet = (worker: string, now: Date, leaseMs: number) => ({
  state: 'in_progress' as const,
  leaseOwner: worker,
  leaseExpiresAt: new Date(now.getTime() + leaseMs),
  updatedAt: now,
});

/**
 * Takes up to `limit` due exports for this worker, oldest first. `FOR UPDATE SKIP LOCKED` lets workers claim
 * side by side without waiting on each other or taking the same row; the lease (owner + expiry) keeps a
 * claimed row out of everyone else's reach until this worker records the attempt or stops renewing it.
 */
export async function claimDue(
  db: Db,
  worker: string,
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const due = sql`(select id from order_exports
    where state in ('pending', 'escalated') and next_attempt_at is not null
      and next_attempt_at <= ${iso(now)}::timestamptz
    order by next_attempt_at limit ${limit} for update skip locked)`;
  const rows = await db
    .update(orderExports)
    .set(claimSet(worker, now, leaseMs))
    .where(inArray(orderExports.id, due))
    .returning();
  return rows.map((row) => ({ row, lostFrom: null }));
}

/** Takes over exports whose worker died: their lease ran out without being renewed. */
export async function claimExpired(
  db: Db,
  worker: string,
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const lost = rowsOf<{ id: string; prev_owner: string | null }>(
    await db.execute(sql`
      with lost as (
        select id, lease_owner as prev_owner from order_exports
        where state = 'in_progress' and lease_expires_at < ${iso(now)}::timestamptz
        order by lease_expires_at limit ${limit} for update skip locked
      )
      update order_exports e
         set lease_owner = ${worker}, lease_expires_at = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz,
             updated_at = ${iso(now)}::timestamptz
        from lost where e.id = lost.id
      returning e.id, lost.prev_owner`),
  );
  if (lost.length === 0) return [];
  const owners = new Map(lost.map((l) => [l.id, l.prev_owner ?? 'unknown']));
  const rows = await db
    .select()
    .from(orderExports)
    .where(inArray(orderExports.id, [...owners.keys()]));
  return rows.map((row) => ({ row, lostFrom: owners.get(row.id) ?? 'unknown' }));
}

/** Keeps this worker's leases (and its registration) alive while its attempts run. */
export async function renewLeases(db: Db, worker: string, now: Date, leaseMs: number): Promise<void> {
  await db
    .update(orderExports)
    .set({ leaseExpiresAt: new Date(now.getTime() + leaseMs) })
    .where(and(eq(orderExports.leaseOwner, worker), eq(orderExports.state, 'in_progress')));
  await db.update(exportWorkers).set({ heartbeatAt: now }).where(eq(exportWorkers.id, worker));
}

/** Hands back what this worker still holds (shutdown): due again at once, for any worker. */
export async function releaseLeases(db: Db, worker: string, now: Date): Promise<number> {
  const released = await db
    .update(orderExports)
    .set({
      state: sql`case when ${orderExports.escalatedAt} is null then 'pending' else 'escalated' end`,
      leaseOwner: null,
      leaseExpiresAt: null,
      nextAttemptAt: now,
      updatedAt: now,
    })
    .where(and(eq(orderExports.leaseOwner, worker), eq(orderExports.state, 'in_progress')))
    .returning({ id: orderExports.id });
  return released.length;
}

export async function registerWorker(db: Db, worker: string, host: string, pid: number, now: Date) {
  await db
    .insert(exportWorkers)
    .values({ id: worker, host, pid, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: exportWorkers.id, set: { heartbeatAt: now } });
}

export async function unregisterWorker(db: Db, worker: string) {
  await db.delete(exportWorkers).where(eq(exportWorkers.id, worker));
}
