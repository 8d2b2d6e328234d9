import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL } from 'drizzle-orm';
import { userChannels, users } from '../../drizzle/schema/index.ts';
import type { Role } from '../../shared/roles.ts';
import type { UserListInput } from '../../shared/schemas/users.ts';
import { userListSchema } from '../../shared/schemas/users.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  channels: string[];
  disabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  lastLoginAt: Date | null;
};

/** Every column a client may see; the password hash is never among them. */
const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  updatedBy: users.updatedBy,
  lastLoginAt: users.lastLoginAt,
};

async function withChannels(db: Db, rows: Omit<PublicUser, 'channels'>[]): Promise<PublicUser[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(userChannels)
    .where(
      inArray(
        userChannels.userId,
        rows.map((r) => r.id),
      ),
    );
  const byUser = new Map<string, string[]>();
  for (const link of links) byUser.set(link.userId, [...(byUser.get(link.userId) ?? []), link.channelId]);
  return rows.map((r) => ({ ...r, channels: (byUser.get(r.id) ?? []).sort() }));
}

export async function getUser(db: Db, id: string): Promise<PublicUser> {
  const rows = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1);
  const [user] = await withChannels(db, rows);
  if (!user) throw notFound('This user does not exist (any more).');
  return user;
}

export async function getUsers(db: Db, ids: string[]): Promise<PublicUser[]> {
  if (ids.length === 0) return [];
  return withChannels(db, await db.select(publicColumns).from(users).where(inArray(users.id, ids)));
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

const sortColumns = {
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

export async function listUsers(
  db: Db,
  input: UserListInput,
): Promise<{ data: PublicUser[]; total: number }> {
  const { page, perPage, sort, order, filter } = userListSchema.parse(input);
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.email, pattern), ilike(users.name, pattern));
    if (match) conditions.push(match);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.disabled !== undefined) conditions.push(eq(users.disabled, filter.disabled));
  const where = conditions.length ? and(...conditions) : undefined;
  const direction = order === 'DESC' ? desc : asc;
  const rows = await db
    .select(publicColumns)
    .from(users)
    .where(where)
    .orderBy(direction(sortColumns[sort]), asc(users.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [totalRow] = await db.select({ n: count() }).from(users).where(where);
  return { data: await withChannels(db, rows), total: totalRow?.n ?? 0 };
}

export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(eq(users.role, 'admin'), eq(users.disabled, false), exceptId ? ne(users.id, exceptId) : undefined),
    );
  return row?.n ?? 0;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function setUserChannels(db: Db, userId: string, channels: string[]): Promise<void> {
  await db.delete(userChannels).where(eq(userChannels.userId, userId));
  if (channels.length)
    await db.insert(userChannels).values(channels.map((channelId) => ({ userId, channelId })));
}
