import { and, count, eq, gt, sql } from 'drizzle-orm';
import { auditEvents, sessions, users } from '../../drizzle/schema/index.ts';
import { isAllowed } from '../../shared/access.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { listChannels } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DashboardSummary {
  /** Present for those who may manage users. */
  users: {
    total: number;
    active: number;
    disabled: number;
    byRole: Record<string, number>;
    signedInNow: number;
  } | null;
  /** Present for those who may read the audit log. */
  activity: { changesLast24h: number; failedLoginsLast24h: number } | null;
  /** The channels this user works on (channel managers: their assignment). */
  myChannels: string[] | null;
  /** Channels in the user's scope and how well their services cover the shop's features. */
  channels: { total: number; activeServices: number; withoutOrderExport: number; withWarnings: number };
}

export async function getDashboardSummary(
  db: Db,
  user: SessionUser,
  now = new Date(),
): Promise<DashboardSummary> {
  const since = new Date(now.getTime() - DAY_MS);
  const visible = [];
  for (let page = 1; ; page += 1) {
    const { data, total } = await listChannels(db, user, { page, perPage: 500 });
    visible.push(...data);
    if (visible.length >= total || data.length === 0) break;
  }
  const summary: DashboardSummary = {
    users: null,
    activity: null,
    myChannels: null,
    channels: {
      total: visible.length,
      activeServices: visible.reduce((n, c) => n + c.activeServices, 0),
      withoutOrderExport: visible.filter((c) => c.coverage[0]?.status !== 'available').length,
      withWarnings: visible.filter((c) => c.warnings.length > 0).length,
    },
  };
  if (isAllowed(user.role, 'users.read')) {
    const rows = await db
      .select({ role: users.role, disabled: users.disabled, n: count() })
      .from(users)
      .groupBy(users.role, users.disabled);
    const byRole: Record<string, number> = {};
    let active = 0;
    let disabled = 0;
    for (const r of rows) {
      if (r.disabled) disabled += r.n;
      else {
        active += r.n;
        byRole[r.role] = (byRole[r.role] ?? 0) + r.n;
      }
    }
    const [signedIn] = await db
      .select({ n: sql<number>`count(distinct ${sessions.userId})`.mapWith(Number) })
      .from(sessions)
      .where(gt(sessions.expiresAt, now));
    summary.users = { total: active + disabled, active, disabled, byRole, signedInNow: signedIn?.n ?? 0 };
  }
  if (isAllowed(user.role, 'audit.read')) {
    const [changes] = await db.select({ n: count() }).from(auditEvents).where(gt(auditEvents.at, since));
    const [failed] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(gt(auditEvents.at, since), eq(auditEvents.action, 'auth.login_failed')));
    summary.activity = { changesLast24h: changes?.n ?? 0, failedLoginsLast24h: failed?.n ?? 0 };
  }
  if (user.role === 'channel_manager') summary.myChannels = user.channels;
  return summary;
}
