import { and, eq, gt, lt, ne } from 'drizzle-orm';
import { sessions, userChannels, users } from '../../drizzle/schema/index.ts';
import type { Role } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { newToken, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'switchboard_session';
/** A session ends after this much inactivity… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and after this long in any case. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  channels: string[];
  /** A generated first-admin password: until it is changed the session may do nothing else (server/trpc.ts). */
  mustChangePassword: boolean;
}

/** The answer to every request but changing the password while `mustChangePassword` is set. */
export const MUST_CHANGE_PASSWORD_MESSAGE =
  'Change the generated password first (user menu → Change password); until then nothing else is allowed.';

export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(
  db: Db,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<StartedSession> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The user behind a session cookie, or null when the session is unknown, expired or its user disabled.
 * Extends the idle deadline at most once a minute, so reads stay cheap.
 */
export async function resolveSession(db: Db, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = sha256(token);
  const now = new Date();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.disabled) return null;
  if (now.getTime() - row.createdAt.getTime() > SESSION_MAX_MS) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  const channels = await db
    .select({ channelId: userChannels.channelId })
    .from(userChannels)
    .where(eq(userChannels.userId, row.id));
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    channels: channels.map((c) => c.channelId).sort(),
    mustChangePassword: row.mustChangePassword,
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Ends every session of a user (disabled, password changed elsewhere, role changed). */
export async function endUserSessions(db: Db, userId: string, exceptToken?: string): Promise<void> {
  const keep = exceptToken ? ne(sessions.tokenHash, sha256(exceptToken)) : undefined;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep));
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
