import { asc, isNull } from 'drizzle-orm';
import { Document } from 'yaml';
import {
  channels,
  channelServiceActivations,
  organizations,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import { defaultSettings } from '../../shared/catalogue/index.ts';
import { upgradeStoredSettings } from '../../shared/catalogue/retired.ts';
import { SERVICE_TYPES } from '../../shared/catalogue/types.ts';
import type { Db } from '../db/client.ts';
import type { ServiceRow } from '../services/queries.ts';
import { escapeReferences } from './interpolate.ts';

type Plain = string | number | boolean | bigint | Plain[] | { [key: string]: Plain };

/** Drops null values, and escapes `${…}` in strings so that applying the file does not read the environment. */
function present(entries: [string, unknown][]): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'string' ? escapeReferences(value) : (value as Plain);
  }
  return out;
}

/**
 * Settings in the catalogue's order (the database keeps JSON keys in its own order), in the current shape: a
 * configuration stored with a retired setting is written with its replacement, so the export applies.
 */
function orderedSettings(row: ServiceRow): Record<string, Plain> {
  const settings = upgradeStoredSettings(row.type, row.settings);
  const order = Object.keys(defaultSettings(row.type));
  const keys = Object.keys(settings).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  return present(keys.map((k) => [k, settings[k]]));
}

function serviceEntry(row: ServiceRow): Record<string, Plain> {
  const settings = orderedSettings(row);
  return present([
    ['type', row.type],
    ['name', row.name],
    ['endpoint', row.endpoint],
    ['username', row.username],
    ['active', row.active],
    ['timeoutMs', row.timeoutMs],
    ['trustedCertificateSha256', row.trustedCertificateSha256],
    ['settings', Object.keys(settings).length ? settings : null],
  ]);
}

const typeOrder = (row: ServiceRow) => SERVICE_TYPES.indexOf(row.type);
const byType = (a: ServiceRow, b: ServiceRow) => typeOrder(a) - typeOrder(b);

/**
 * A channel's own service of a type its organization shares as shared-mandatory is not in use, and a file cannot
 * declare it: it stays out of the export (and, applied back, is left as it is).
 */
const overridden = (channel: typeof channels.$inferSelect, own: ServiceRow, serviceRows: ServiceRow[]) =>
  serviceRows.some(
    (s) =>
      s.organizationId === channel.organizationId &&
      s.type === own.type &&
      s.sharingRule === 'shared-mandatory',
  );

/**
 * A channel's own switches, as `type: true|false`: only those that differ from what the sharing rule gives by
 * default, for a configuration the channel inherits now (a switch left from another organization or sharing
 * rule has no effect and is left out).
 */
function activationsOf(
  channel: typeof channels.$inferSelect,
  serviceRows: ServiceRow[],
  activationRows: (typeof channelServiceActivations.$inferSelect)[],
): Record<string, Plain> | null {
  const switches = serviceRows
    .filter((s) => s.organizationId === channel.organizationId)
    .filter((s) => s.sharingRule === 'shared-active' || s.sharingRule === 'shared-inactive')
    .sort(byType)
    .flatMap((s): [string, boolean][] => {
      const row = activationRows.find((a) => a.channelId === channel.id && a.configId === s.id);
      return row && row.active !== (s.sharingRule === 'shared-active') ? [[s.type, row.active]] : [];
    });
  return switches.length ? Object.fromEntries(switches) : null;
}

/**
 * Every organization with its live services and sharing rules, and every channel with its organization, its own
 * live services and its switches, as a provisioning document in the file's format, without passwords and client
 * certificates (the keys are left out, which keeps the stored ones when the file is applied).
 */
export async function exportDocument(
  db: Db,
): Promise<{ organizations: Record<string, Plain>[]; channels: Record<string, Plain>[] }> {
  const organizationRows = await db.select().from(organizations).orderBy(asc(organizations.id));
  const channelRows = await db.select().from(channels).orderBy(asc(channels.id));
  const serviceRows = await db.select().from(serviceConfigs).where(isNull(serviceConfigs.deletedAt));
  const activationRows = await db.select().from(channelServiceActivations);
  return {
    organizations: organizationRows.map((o) => ({
      ...present([
        ['id', o.id],
        ['name', o.name],
        ['description', o.description],
      ]),
      services: serviceRows
        .filter((s) => s.organizationId === o.id)
        .sort(byType)
        .map((s) => {
          const { type, ...rest } = serviceEntry(s);
          return { type: type as Plain, sharing: s.sharingRule ?? 'unshared', ...rest };
        }),
    })),
    channels: channelRows.map((c) => ({
      ...present([
        ['id', c.id],
        ['name', c.name],
        ['iomShopId', c.iomShopId],
        ['iomShopName', c.iomShopName],
        ['iomBaseUrl', c.iomBaseUrl],
        ['description', c.description],
        ['organization', c.organizationId],
      ]),
      services: serviceRows
        .filter((s) => s.channelId === c.id && !overridden(c, s, serviceRows))
        .sort(byType)
        .map(serviceEntry),
      ...present([['activations', activationsOf(c, serviceRows, activationRows)]]),
    })),
  };
}

export const EXPORT_HEADER = [
  ' Switchboard provisioning file, exported from the database.',
  ' Passwords and client certificates are not exported: applying this file keeps the stored ones. To set',
  ' one, add `password: ${ENV_NAME}` (or `clientCertificate: { pkcs12: ${ENV_NAME}, passphrase: … }`) to',
  ' the service and put the secret into that environment variable.',
].join('\n');

/** The export as YAML; shop IDs are written as exact integers. */
export async function exportProvisioning(db: Db): Promise<string> {
  const doc = new Document(await exportDocument(db));
  doc.commentBefore = EXPORT_HEADER;
  return doc.toString({ lineWidth: 0 });
}
