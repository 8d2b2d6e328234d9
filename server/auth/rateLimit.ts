import { and, asc, count, eq, gt, lt, sql } from 'drizzle-orm';
import { loginFailures } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Password checks per account within the window that may fail before that account must wait. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Password checks per client address within the window (several people may share an address). */
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Advisory lock classes (two-key form), so an account's and an address's locks never collide. */
const ACCOUNT_LOCK_CLASS = 73_120_010;
const ADDRESS_LOCK_CLASS = 73_120_011;

export type LoginAttempt = { allowed: true; id: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a password check before it happens: under a per-account and a per-address advisory lock, refuses
 * when either limit is reached, and otherwise stores the attempt as a failure until the caller learns the
 * password was right (then `releaseLoginAttempt` or `clearLoginFailures`). Parallel guesses, on one instance
 * or many, therefore get at most the limit of checks. The locks are always taken account first, then
 * address, so two attempts cannot wait on each other; on PGlite transactions already run one at a time.
 */
export async function reserveLoginAttempt(
  db: Db,
  email: string,
  ip: string,
  now = new Date(),
): Promise<LoginAttempt> {
  const attempt = await db.transaction(async (tx): Promise<LoginAttempt> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK_CLASS}::int, hashtext(${email}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_CLASS}::int, hashtext(${ip}))`);
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const wait = Math.max(
      await waitFor(tx, eq(loginFailures.email, email), since, MAX_FAILURES_PER_ACCOUNT, now),
      await waitFor(tx, eq(loginFailures.ip, ip), since, MAX_FAILURES_PER_ADDRESS, now),
    );
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    const [row] = await tx.insert(loginFailures).values({ email, ip }).returning({ id: loginFailures.id });
    if (!row) throw new Error('insert returned no row');
    return { allowed: true, id: row.id };
  });
  // Keep the table small: nothing older than the window matters.
  if (attempt.allowed)
    await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 2 * LOGIN_WINDOW_MS)));
  return attempt;
}

async function waitFor(
  db: Db,
  who: ReturnType<typeof eq>,
  since: Date,
  limit: number,
  now: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(who, gt(loginFailures.at, since)));
  const failures = row?.n ?? 0;
  if (failures < limit) return 0;
  // The limit lifts when enough of the failures in the window have aged out of it.
  const recent = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(who, gt(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at))
    .limit(failures - limit + 1);
  const unlocking = recent[recent.length - 1];
  if (!unlocking) return 0;
  return Math.max(1, Math.ceil((unlocking.at.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

/** The password was right after all: the attempt stops counting. */
export async function releaseLoginAttempt(db: Db, id: number): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.id, id));
}

/** A successful sign-in forgives the account's earlier failures (its own attempt included). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
