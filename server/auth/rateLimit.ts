import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import { loginFailures } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins per account within the window before that account must wait. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed logins per client address within the window (several people may share an address). */
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Seconds until a login for this account from this address may be tried again, or 0.
 * The counts live in the database, so every server instance enforces the same limit.
 */
export async function loginRetryAfterSeconds(
  db: Db,
  email: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const waits = await Promise.all([
    waitFor(db, eq(loginFailures.email, email), since, MAX_FAILURES_PER_ACCOUNT, now),
    waitFor(db, eq(loginFailures.ip, ip), since, MAX_FAILURES_PER_ADDRESS, now),
  ]);
  return Math.max(...waits);
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

export async function recordLoginFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insert(loginFailures).values({ email, ip });
  // Keep the table small: nothing older than the window matters.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 2 * LOGIN_WINDOW_MS)));
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
