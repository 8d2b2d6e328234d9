import { and, asc, eq, inArray } from 'drizzle-orm';
import { users } from '../../../drizzle/schema/index.ts';
import type { Db, Tx } from '../../db/client.ts';
import { invalid } from '../../errors.ts';

/** Roles that may own an escalation: those who may act on exports. */
const OWNER_ROLES = ['admin', 'support'] as const;

/** Users who may own an escalation: enabled admins and support. */
export function listOwners(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(inArray(users.role, [...OWNER_ROLES]), eq(users.disabled, false)))
    .orderBy(asc(users.email));
}

/** The owner an escalation is handed to, refused (naming ownerId) unless an enabled admin or support user. */
export async function ownerFor(db: Db | Tx, ownerId: string): Promise<{ id: string; email: string }> {
  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, ownerId));
  if (!user)
    throw invalid(
      'ownerId',
      'ownerId: there is no such user; choose an owner from the list of admins and support.',
    );
  if (user.disabled)
    throw invalid(
      'ownerId',
      `ownerId: ${user.email} is disabled and cannot own an escalation; choose another owner.`,
    );
  if (!(OWNER_ROLES as readonly string[]).includes(user.role))
    throw invalid(
      'ownerId',
      `ownerId: ${user.email} is a ${user.role.replace('_', ' ')}; only admins and support may own an escalation.`,
    );
  return { id: user.id, email: user.email };
}
