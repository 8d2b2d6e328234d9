import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { serviceListSchema, type ServiceListInput } from '../../shared/schemas/services.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { assertChannelInScope, channelScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';

export type ServiceRow = typeof serviceConfigs.$inferSelect;

/** What leaves the server: the stored password is only ever "configured" or not. */
export type ServiceView = Omit<ServiceRow, 'passwordEncrypted'> & {
  passwordConfigured: boolean;
  label: string;
  deprecated: boolean;
  replacedBy: string | null;
  provisioned: boolean;
};

export function toView(row: ServiceRow): ServiceView {
  const { passwordEncrypted, ...rest } = row;
  const def = CATALOGUE[row.type];
  return {
    ...rest,
    passwordConfigured: passwordEncrypted !== null,
    label: def.label,
    deprecated: def.deprecated,
    replacedBy: def.replacedBy ?? null,
    provisioned: row.provisionedAt !== null,
  };
}

export async function getServiceRow(db: Db, id: string): Promise<ServiceRow> {
  const [row] = await db.select().from(serviceConfigs).where(eq(serviceConfigs.id, id)).limit(1);
  if (!row) throw notFound('This service configuration does not exist.');
  return row;
}

export async function getService(db: Db, user: SessionUser, id: string): Promise<ServiceView> {
  const row = await getServiceRow(db, id);
  assertChannelInScope(user, row.channelId);
  return toView(row);
}

export async function getServices(db: Db, user: SessionUser, ids: string[]): Promise<ServiceView[]> {
  if (ids.length === 0) return [];
  const scope = channelScope(user);
  const rows = await db.select().from(serviceConfigs).where(inArray(serviceConfigs.id, ids));
  return rows.filter((r) => scope === 'all' || scope.includes(r.channelId)).map(toView);
}

export async function listServices(
  db: Db,
  user: SessionUser,
  input: ServiceListInput,
): Promise<ServiceView[]> {
  const filter = serviceListSchema.parse(input);
  if (filter.channelId) assertChannelInScope(user, filter.channelId);
  const scope = channelScope(user);
  const rows = await db
    .select()
    .from(serviceConfigs)
    .where(
      and(
        filter.channelId ? eq(serviceConfigs.channelId, filter.channelId) : undefined,
        scope !== 'all' ? inArray(serviceConfigs.channelId, scope.length ? scope : ['']) : undefined,
        filter.includeDeleted ? undefined : isNull(serviceConfigs.deletedAt),
        filter.type ? eq(serviceConfigs.type, filter.type) : undefined,
        filter.active === undefined ? undefined : eq(serviceConfigs.active, filter.active),
      ),
    )
    .orderBy(asc(serviceConfigs.channelId), asc(serviceConfigs.type), asc(serviceConfigs.createdAt));
  return rows.map(toView);
}

/** The active types of a channel, except one configuration (the one being changed). */
export async function activeTypesOf(db: Db, channelId: string, exceptId?: string) {
  const rows = await db
    .select({ id: serviceConfigs.id, type: serviceConfigs.type })
    .from(serviceConfigs)
    .where(
      and(
        eq(serviceConfigs.channelId, channelId),
        eq(serviceConfigs.active, true),
        isNull(serviceConfigs.deletedAt),
      ),
    );
  return rows.filter((r) => r.id !== exceptId).map((r) => r.type);
}
