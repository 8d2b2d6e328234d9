import { and, eq, ilike, inArray, or } from 'drizzle-orm';
import { channels } from '../../drizzle/schema/index.ts';
import { channelWarnings, featureCoverage, type FeatureCoverage } from '../../shared/catalogue/rules.ts';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import { channelListSchema, type ChannelListInput } from '../../shared/schemas/channels.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { effectiveActiveTypes, effectiveForChannels } from '../sharing/effective.ts';
import { assertChannelInScope, channelScope } from './scope.ts';

export type ChannelRow = typeof channels.$inferSelect;

export type ChannelView = ChannelRow & {
  activeTypes: ServiceType[];
  activeServices: number;
  coverage: FeatureCoverage[];
  warnings: string[];
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The types each channel actually uses and has switched on: its effective configurations. */
async function activeTypesByChannel(db: Db, ids: string[]): Promise<Map<string, ServiceType[]>> {
  const effective = await effectiveForChannels(db, ids);
  return new Map(ids.map((id) => [id, effectiveActiveTypes(effective.get(id))]));
}

function view(row: ChannelRow, activeTypes: ServiceType[]): ChannelView {
  const sorted = [...activeTypes].sort();
  return {
    ...row,
    activeTypes: sorted,
    activeServices: sorted.length,
    coverage: featureCoverage(sorted),
    warnings: channelWarnings(sorted),
  };
}

export async function getChannelRow(db: Db, id: string): Promise<ChannelRow> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).limit(1);
  if (!row) throw notFound(`There is no channel ${id}.`);
  return row;
}

export async function getChannel(db: Db, user: SessionUser, id: string): Promise<ChannelView> {
  assertChannelInScope(user, id);
  const row = await getChannelRow(db, id);
  return view(row, (await activeTypesByChannel(db, [id])).get(id) ?? []);
}

export async function getChannels(db: Db, user: SessionUser, ids: string[]): Promise<ChannelView[]> {
  const scope = channelScope(user);
  const visible = scope === 'all' ? ids : ids.filter((id) => scope.includes(id));
  if (visible.length === 0) return [];
  const rows = await db.select().from(channels).where(inArray(channels.id, visible));
  const active = await activeTypesByChannel(db, visible);
  return rows.map((r) => view(r, active.get(r.id) ?? []));
}

/**
 * Channels are few (tens to a few thousand), and coverage is derived from their services, so the list is
 * filtered and paged in memory after one query for the rows and one for their active services.
 */
export async function listChannels(db: Db, user: SessionUser, input: ChannelListInput) {
  const { page, perPage, sort, order, filter } = channelListSchema.parse(input);
  const scope = channelScope(user);
  const ids = scope === 'all' ? filter.ids : (filter.ids ?? scope).filter((id) => scope.includes(id));
  const q = filter.q ? `%${escapeLike(filter.q)}%` : null;
  const rows = await db
    .select()
    .from(channels)
    .where(
      and(
        ids ? inArray(channels.id, ids.length ? ids : ['']) : undefined,
        filter.organizationId ? eq(channels.organizationId, filter.organizationId) : undefined,
        q ? or(ilike(channels.id, q), ilike(channels.name, q), ilike(channels.iomShopName, q)) : undefined,
      ),
    );
  const active = await activeTypesByChannel(
    db,
    rows.map((r) => r.id),
  );
  let views = rows.map((r) => view(r, active.get(r.id) ?? []));
  if (filter.missingFeature) {
    views = views.filter((v) =>
      v.coverage.some((c) => c.feature === filter.missingFeature && c.status !== 'available'),
    );
  }
  const direction = order === 'DESC' ? -1 : 1;
  views.sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    const cmp =
      x instanceof Date && y instanceof Date ? x.getTime() - y.getTime() : String(x).localeCompare(String(y));
    return cmp * direction || a.id.localeCompare(b.id);
  });
  return { data: views.slice((page - 1) * perPage, page * perPage), total: views.length };
}

export async function existingChannelIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: channels.id }).from(channels).where(inArray(channels.id, ids));
  return new Set(rows.map((r) => r.id));
}
