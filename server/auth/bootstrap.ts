import { eq, sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import { createUser } from '../users/commands.ts';
import { newToken } from './tokens.ts';

const BOOTSTRAP_LOCK_KEY = 73_120_002;

export type BootstrapResult =
  { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * On a start that finds no user, creates the first admin: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * random password that the caller prints once and that must be changed at the first sign-in. An advisory
 * lock keeps two instances starting together from both creating one.
 */
export async function ensureFirstAdmin(
  db: Db,
  configured: { email?: string | undefined; password?: string | undefined },
): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const [row] = rowsOf<{ n: string | number }>(await tx.execute(sql`select count(*) as n from users`));
    if (Number(row?.n ?? 0) > 0) return { created: false } as const;
    const email = configured.email ?? 'admin@switchboard.local';
    const generatedPassword = configured.password ? null : newToken(18);
    const admin = await createUser(tx, SYSTEM_ACTOR, {
      email,
      name: 'Administrator',
      role: 'admin',
      password: configured.password ?? generatedPassword ?? '',
    });
    // A printed password may linger in a terminal's scrollback or a log collector: it only opens the way to
    // choosing a new one (server/trpc.ts refuses everything else until then).
    if (generatedPassword)
      await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, admin.id));
    return { created: true, email, generatedPassword } as const;
  });
}
