import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { clientCertificateWarning } from '../../shared/clientCertificate.ts';
import { upgradeStoredSettings } from '../../shared/catalogue/retired.ts';
import { serviceListSchema, type ServiceListInput } from '../../shared/schemas/services.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { assertChannelInScope, channelScope, inScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../errors.ts';

export type ServiceRow = typeof serviceConfigs.$inferSelect;

/**
 * What leaves the server: the stored password and client certificate are only ever "configured" or not; of
 * the certificate its subject and expiry are shown, and a warning from 30 days before it expires.
 */
export type ServiceView = Omit<ServiceRow, 'passwordEncrypted' | 'clientCertificateEncrypted'> & {
  passwordConfigured: boolean;
  clientCertificateConfigured: boolean;
  clientCertificateWarning: string | null;
  label: string;
  deprecated: boolean;
  replacedBy: string | null;
  provisioned: boolean;
};

export function toView(row: ServiceRow): ServiceView {
  const { passwordEncrypted, clientCertificateEncrypted, ...rest } = row;
  const def = CATALOGUE[row.type];
  return {
    ...rest,
    // A configuration stored in an earlier shape is shown (and edited) in the current one.
    settings: upgradeStoredSettings(row.type, row.settings),
    passwordConfigured: passwordEncrypted !== null,
    clientCertificateConfigured: clientCertificateEncrypted !== null,
    clientCertificateWarning:
      clientCertificateEncrypted === null
        ? null
        : clientCertificateWarning(row.clientCertificateExpiresAt, new Date()),
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

/** Organizations whose configurations the user may read: all, or those that hold one of their channels. */
export async function organizationsInScope(db: Db, user: SessionUser): Promise<string[] | 'all'> {
  const scope = channelScope(user);
  if (scope === 'all') return 'all';
  if (scope.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: channels.organizationId })
    .from(channels)
    .where(inArray(channels.id, scope));
  return rows.map((r) => r.id);
}

async function mayRead(db: Db, user: SessionUser, row: ServiceRow): Promise<boolean> {
  if (row.channelId !== null) return inScope(user, row.channelId);
  const orgs = await organizationsInScope(db, user);
  return orgs === 'all' || orgs.includes(row.organizationId ?? '');
}

export async function getService(db: Db, user: SessionUser, id: string): Promise<ServiceView> {
  const row = await getServiceRow(db, id);
  if (row.channelId !== null) assertChannelInScope(user, row.channelId);
  else if (!(await mayRead(db, user, row)))
    throw forbidden('This organization configuration is not shared with your channels.');
  return toView(row);
}

export async function getServices(db: Db, user: SessionUser, ids: string[]): Promise<ServiceView[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(serviceConfigs).where(inArray(serviceConfigs.id, ids));
  const visible: ServiceView[] = [];
  for (const row of rows) if (await mayRead(db, user, row)) visible.push(toView(row));
  return visible;
}

/** Configurations of one channel, one organization, or everything the user may see. */
export async function listServices(
  db: Db,
  user: SessionUser,
  input: ServiceListInput,
): Promise<ServiceView[]> {
  const filter = serviceListSchema.parse(input);
  if (filter.channelId) assertChannelInScope(user, filter.channelId);
  const channelsVisible = channelScope(user);
  const orgsVisible = await organizationsInScope(db, user);
  if (filter.organizationId && orgsVisible !== 'all' && !orgsVisible.includes(filter.organizationId)) {
    throw forbidden(`None of your channels belongs to organization ${filter.organizationId}.`);
  }
  const owner = filter.channelId
    ? eq(serviceConfigs.channelId, filter.channelId)
    : filter.organizationId
      ? eq(serviceConfigs.organizationId, filter.organizationId)
      : channelsVisible === 'all'
        ? undefined
        : or(
            inArray(serviceConfigs.channelId, channelsVisible.length ? channelsVisible : ['']),
            inArray(
              serviceConfigs.organizationId,
              orgsVisible === 'all' || orgsVisible.length === 0 ? [''] : orgsVisible,
            ),
          );
  const rows = await db
    .select()
    .from(serviceConfigs)
    .where(
      and(
        owner,
        filter.includeDeleted ? undefined : isNull(serviceConfigs.deletedAt),
        filter.type ? eq(serviceConfigs.type, filter.type) : undefined,
        filter.active === undefined ? undefined : eq(serviceConfigs.active, filter.active),
      ),
    )
    .orderBy(
      asc(serviceConfigs.channelId),
      asc(serviceConfigs.organizationId),
      asc(serviceConfigs.type),
      asc(serviceConfigs.createdAt),
    );
  return rows.map(toView);
}
