import { and, asc, count, desc, eq, ilike, inArray, isNull, or } from 'drizzle-orm';
import { channels, organizations, serviceConfigs } from '../../drizzle/schema/index.ts';
import { organizationListSchema, type OrganizationListInput } from '../../shared/schemas/organizations.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

export async function getOrganizationRow(db: Db, id: string): Promise<OrganizationRow> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  if (!row) throw notFound(`There is no organization ${id}.`);
  return row;
}

async function withCounts(db: Db, rows: OrganizationRow[]) {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const channelCounts = await db
    .select({ id: channels.organizationId, n: count() })
    .from(channels)
    .where(inArray(channels.organizationId, ids))
    .groupBy(channels.organizationId);
  const serviceCounts = await db
    .select({ id: serviceConfigs.organizationId, n: count() })
    .from(serviceConfigs)
    .where(and(inArray(serviceConfigs.organizationId, ids), isNull(serviceConfigs.deletedAt)))
    .groupBy(serviceConfigs.organizationId);
  const channelsOf = new Map(channelCounts.map((c) => [c.id, c.n]));
  const servicesOf = new Map(serviceCounts.map((c) => [c.id, c.n]));
  return rows.map((r) => ({
    ...r,
    channelCount: channelsOf.get(r.id) ?? 0,
    serviceCount: servicesOf.get(r.id) ?? 0,
  }));
}

export async function getOrganization(db: Db, id: string) {
  const [row] = await withCounts(db, [await getOrganizationRow(db, id)]);
  return row as NonNullable<typeof row>;
}

export async function getOrganizations(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return withCounts(db, await db.select().from(organizations).where(inArray(organizations.id, ids)));
}

const sortColumns = {
  id: organizations.id,
  name: organizations.name,
  updatedAt: organizations.updatedAt,
} as const;

export async function listOrganizations(db: Db, input: OrganizationListInput) {
  const { page, perPage, sort, order, filter } = organizationListSchema.parse(input);
  const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = q ? or(ilike(organizations.id, q), ilike(organizations.name, q)) : undefined;
  const rows = await db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(order === 'DESC' ? desc(sortColumns[sort]) : asc(sortColumns[sort]), asc(organizations.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [total] = await db.select({ n: count() }).from(organizations).where(where);
  return { data: await withCounts(db, rows), total: total?.n ?? 0 };
}
