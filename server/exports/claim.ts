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

/**
 * Takes over exports whose worker died: their lease ran out without being renewed. The dead worker's open
 * attempt is logged (`worker_lost`: it may or may not have reached IOM; the next attempt tells) in the same
 * statement as the takeover, so a taker that dies in turn cannot leave it unlogged.
 */
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
        select id, coalesce(lease_owner, 'unknown') as prev_owner from order_exports
        where state = 'in_progress' and lease_expires_at < ${iso(now)}::timestamptz
        order by lease_expires_at limit ${limit} for update skip locked
      ), taken as (
        update order_exports e
           set lease_owner = ${worker}, lease_expires_at = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz,
               attempts = e.attempts + 1, run_attempts = e.run_attempts + 1, updated_at = ${iso(now)}::timestamptz
          from lost where e.id = lost.id
        returning e.id, e.channel_id, e.attempts, e.next_cause, lost.prev_owner
      ), logged as (
        insert into export_attempts (export_id, channel_id, number, cause, worker, started_at, duration_ms,
          outcome, error_class, error_message)
        select id, channel_id, attempts, next_cause, prev_owner, ${iso(now)}::timestamptz, 0,
          'technical_error', 'worker_lost', ${LOST_MESSAGE_START} || prev_owner || ${LOST_MESSAGE_END}
        from taken
      )
      select id, prev_owner from taken`),
  );
  if (lost.length === 0) return [];
  const owners = new Map(lost.map((l) => [l.id, l.prev_owner ?? 'unknown']));
  const rows = await db
    .select()
    .from(orderExports)
    .where(inArray(orderExports.id, [...owners.keys()]));
  return rows.map((row) => ({ row, lostFrom: owners.get(row.id) ?? 'unknown' }));
}

const LOST_MESSAGE_START = 'Worker ';
const LOST_MESSAGE_END =
  " stopped (its lease ran out) before it recorded IOM's answer; whether IOM received the order is settled by the next attempt.";

/**
 * Keeps the leases of the attempts this worker has in flight (and its registration) alive. Only those: an
 * export it claimed but could not finish (e.g. its record failed while the database was down) must run out
 * and be taken over, not stay reserved for as long as this process lives.
 */
export async function renewLeases(
  db: Db,
  worker: string,
  exportIds: string[],
  now: Date,
  leaseMs: number,
): Promise<void> {
  if (exportIds.length > 0)
    await db
      .update(orderExports)
      .set({ leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where(
        and(
          eq(orderExports.leaseOwner, worker),
          eq(orderExports.state, 'in_progress'),
          inArray(orderExports.id, exportIds),
        ),
      );
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
