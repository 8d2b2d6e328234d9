import { eq, sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  changePasswordSchema,
  userCreateSchema,
  userUpdateSchema,
  type UserCreateInput,
  type UserUpdateInput,
} from '../../shared/schemas/users.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { clearLoginFailures, reserveLoginAttempt } from '../auth/rateLimit.ts';
import { endUserSessions } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { existingChannelIds } from '../channels/queries.ts';
import { countActiveAdmins, findUserByEmail, getUser, setUserChannels, type PublicUser } from './queries.ts';

/** Serialises changes that take admin rights away, so two admins cannot demote each other at once. */
const ADMIN_CHANGE_LOCK_KEY = 73_120_003;

const emailTaken = (email: string) =>
  conflict(`${email} already has an account; use another email or edit that user.`, {
    email: `${email} already has an account.`,
  });

/** A channel manager may only be given channels that exist. */
async function assertChannelsExist(db: Db, channels: string[]): Promise<void> {
  const known = await existingChannelIds(db, channels);
  const unknown = channels.filter((c) => !known.has(c));
  if (unknown.length) {
    throw invalid(
      'channels',
      `Unknown channel(s): ${unknown.join(', ')}. Create the channel first or correct the id.`,
    );
  }
}

export async function createUser(db: Db, actor: Actor, raw: UserCreateInput): Promise<PublicUser> {
  const input = userCreateSchema.parse(raw);
  const channels = input.role === 'channel_manager' ? input.channels : [];
  await assertChannelsExist(db, channels);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await db.transaction(async (tx) => {
      if (await findUserByEmail(tx, input.email)) throw emailTaken(input.email);
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          updatedBy: actor.email,
        })
        .returning({ id: users.id });
      if (!row) throw new Error('insert returned no row');
      await setUserChannels(tx, row.id, channels);
      await recordAudit(tx, actor, {
        action: 'user.created',
        targetType: 'user',
        targetId: row.id,
        targetLabel: input.email,
        changes: diffFields(
          null,
          { email: input.email, name: input.name, role: input.role, channels, password: input.password },
          ['password'],
        ),
      });
      return row.id;
    });
    return await getUser(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(input.email);
    throw error;
  }
}

export async function updateUser(db: Db, actor: Actor, raw: UserUpdateInput): Promise<PublicUser> {
  const input = userUpdateSchema.parse(raw);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  try {
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
      if (!current) throw notFound('This user does not exist (any more).');
      if (current.version !== input.version) {
        throw conflict(
          `This user was changed by ${current.updatedBy ?? 'someone else'} at ${current.updatedAt.toISOString()} — reload to see their change.`,
        );
      }
      const before = await getUser(tx, input.id);
      const role = input.role ?? before.role;
      const channels = role === 'channel_manager' ? (input.channels ?? before.channels) : [];
      const disabled = input.disabled ?? before.disabled;
      if (role === 'channel_manager' && channels.length === 0) {
        throw invalid(
          'channels',
          'A channel manager needs at least one channel; add the ids of the channels they manage.',
        );
      }
      if (input.channels) await assertChannelsExist(tx, channels);
      if (input.id === actor.id && disabled)
        throw invalid('disabled', 'You cannot disable your own account.');
      if (input.id === actor.id && role !== before.role)
        throw invalid('role', 'You cannot change your own role.');
      const losesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled);
      if (losesAdmin) await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_KEY})`);
      if (losesAdmin && (await countActiveAdmins(tx, input.id)) === 0) {
        throw invalid(
          role !== 'admin' ? 'role' : 'disabled',
          'Switchboard needs at least one active admin: make another user admin first.',
        );
      }
      const email = input.email ?? before.email;
      if (email !== before.email) {
        const other = await findUserByEmail(tx, email);
        if (other && other.id !== input.id) throw emailTaken(email);
      }
      const after = { email, name: input.name ?? before.name, role, channels, disabled };
      const changes = diffFields(before, { ...after, password: input.password }, ['password']);
      if (changes.length === 0) return;
      await tx
        .update(users)
        .set({
          ...after,
          ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
          version: sql`${users.version} + 1`,
          updatedAt: new Date(),
          updatedBy: actor.email,
        })
        .where(eq(users.id, input.id));
      await setUserChannels(tx, input.id, channels);
      if (disabled || passwordHash) await endUserSessions(tx, input.id);
      await recordAudit(tx, actor, {
        action: auditActionFor(before.disabled, disabled),
        targetType: 'user',
        targetId: input.id,
        targetLabel: email,
        changes,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.email) throw emailTaken(input.email);
    throw error;
  }
  return getUser(db, input.id);
}

function auditActionFor(wasDisabled: boolean, disabled: boolean): string {
  if (!wasDisabled && disabled) return 'user.disabled';
  if (wasDisabled && !disabled) return 'user.enabled';
  return 'user.updated';
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor & { id: string },
  raw: unknown,
  currentSessionToken: string | undefined,
): Promise<void> {
  const input = changePasswordSchema.parse(raw);
  const [row] = await db.select().from(users).where(eq(users.id, actor.id)).limit(1);
  if (!row) throw notFound('Your account no longer exists.');
  // A stolen session must not become a way around the login limit: each check of the current password
  // counts against the account as a login would.
  const attempt = await reserveLoginAttempt(db, row.email, actor.ip ?? '');
  if (!attempt.allowed) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many wrong passwords. Try again in ${attempt.retryAfterSeconds} s, or ask an admin to reset the password.`,
    );
  }
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new DomainError('BAD_REQUEST', 'The current password is wrong.', {
      currentPassword: 'The current password is wrong.',
    });
  }
  await clearLoginFailures(db, row.email);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: new Date(),
        mustChangePassword: false,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(users.id, actor.id));
    // Other browsers signed in as this user are signed out; this one stays.
    await endUserSessions(tx, actor.id, currentSessionToken);
    await recordAudit(tx, actor, {
      action: 'account.password_changed',
      targetType: 'user',
      targetId: actor.id,
      targetLabel: actor.email,
      changes: diffFields({ password: 'x' }, { password: 'y' }, ['password']),
    });
  });
}
