import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import { loginSchema } from '../../shared/schemas/auth.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { findUserByEmail } from '../users/queries.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { clearLoginFailures, releaseLoginAttempt, reserveLoginAttempt } from './rateLimit.ts';
import { startSession, type StartedSession } from './sessions.ts';

export interface ClientMeta {
  ip: string;
  userAgent: string | null;
}

const WRONG_CREDENTIALS = 'The email or the password is wrong.';

export async function login(
  db: Db,
  raw: unknown,
  client: ClientMeta,
): Promise<StartedSession & { userId: string }> {
  const { email, password } = loginSchema.parse(raw);
  // Counted before the password is checked, so parallel guesses cannot all be checked (see rateLimit.ts).
  const attempt = await reserveLoginAttempt(db, email, client.ip);
  if (!attempt.allowed) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many failed logins. Try again in ${attempt.retryAfterSeconds} s, or ask an admin to reset the password.`,
    );
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  if (!user || !passwordOk) {
    await recordAudit(
      db,
      { id: user?.id ?? null, email, ip: client.ip },
      { action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, targetLabel: email },
    );
    throw new DomainError('UNAUTHORIZED', WRONG_CREDENTIALS, { password: WRONG_CREDENTIALS });
  }
  if (user.disabled) {
    await releaseLoginAttempt(db, attempt.id);
    await recordAudit(
      db,
      { id: user.id, email, ip: client.ip },
      { action: 'auth.login_refused_disabled', targetType: 'user', targetId: user.id, targetLabel: email },
    );
    throw new DomainError('FORBIDDEN', 'This account is disabled. Ask an admin to enable it.');
  }
  await clearLoginFailures(db, email);
  const session = await startSession(db, user.id, client);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(
    db,
    { id: user.id, email, ip: client.ip },
    { action: 'auth.login', targetType: 'user', targetId: user.id, targetLabel: email },
  );
  return { ...session, userId: user.id };
}
