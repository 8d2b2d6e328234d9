import { isNull } from 'drizzle-orm';
import { channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import { channelWarnings } from '../../shared/catalogue/rules.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';
import type { Db } from '../db/client.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { secretContext } from '../services/commands.ts';
import type { ServiceRow } from '../services/queries.ts';
import type { ProvisionedChannel, ProvisionedService, ProvisioningDocument } from './format.ts';

export type Action = 'create' | 'update' | 'unchanged';

/** One field that differs. A password never carries a value: `shown` says "(set)", "(changed)" or "(cleared)". */
export interface PlanChange {
  field: string;
  from: unknown;
  to: unknown;
  shown?: string;
}

export interface ServicePlan {
  channelId: string;
  type: ServiceType;
  /** Where the file declares it, e.g. `channels[0].services[1]`. */
  path: string;
  action: Action;
  /** For a creation: every value it gets; for an update: what differs. */
  changes: PlanChange[];
  current: { id: string; version: number } | null;
  desired: ProvisionedService;
}

export interface ChannelPlan {
  id: string;
  path: string;
  action: Action;
  changes: PlanChange[];
  current: { version: number } | null;
  desired: ProvisionedChannel;
  services: ServicePlan[];
  /** Live services of the channel that the file does not declare; left as they are. */
  servicesNotInFile: ServiceType[];
  /** Allowed but worth a look once applied, e.g. Reverse active beside RMA (the activation rules' warnings). */
  warnings: string[];
}

export interface PlanSummary {
  create: number;
  update: number;
  unchanged: number;
  notInFile: number;
}

export interface Plan {
  channels: ChannelPlan[];
  /** Channels in the database that the file does not declare; left as they are. */
  channelsNotInFile: string[];
  summary: PlanSummary;
}

export const PASSWORD_SET = '(set)';
export const PASSWORD_CHANGED = '(changed)';
export const PASSWORD_CLEARED = '(cleared)';

const canonical = (v: unknown) =>
  JSON.stringify(v ?? null, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
const same = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

function compare(fields: [string, unknown, unknown][], creating: boolean): PlanChange[] {
  return fields
    .filter(([, from, to]) => (creating ? to !== null && to !== undefined : !same(from, to)))
    .map(([field, from, to]) => ({ field, from: creating ? null : (from ?? null), to: to ?? null }));
}

const CHANNEL_FIELDS = ['name', 'iomShopId', 'iomShopName', 'iomBaseUrl', 'description'] as const;

function channelChanges(
  desired: ProvisionedChannel,
  current: typeof channels.$inferSelect | undefined,
): PlanChange[] {
  return compare(
    CHANNEL_FIELDS.map((f) => [f, current?.[f], desired[f]]),
    !current,
  );
}

/** Whether the stored password is the desired one; compared by decrypting, never shown. */
function passwordChange(
  secrets: SecretBox,
  desired: ProvisionedService,
  current: ServiceRow | undefined,
): PlanChange | null {
  const stored = current?.passwordEncrypted ?? null;
  const wanted = desired.password;
  if (wanted === undefined) return null;
  if (wanted === null) {
    return stored === null
      ? null
      : { field: 'password', from: PASSWORD_SET, to: null, shown: PASSWORD_CLEARED };
  }
  if (stored === null || !current)
    return { field: 'password', from: null, to: PASSWORD_SET, shown: PASSWORD_SET };
  let unchanged = false;
  try {
    unchanged = secrets.decrypt(stored, secretContext(current.id)) === wanted;
  } catch {
    // Saved with another key: the file's password replaces it.
  }
  return unchanged
    ? null
    : { field: 'password', from: PASSWORD_SET, to: PASSWORD_CHANGED, shown: PASSWORD_CHANGED };
}

function serviceChanges(
  secrets: SecretBox,
  desired: ProvisionedService,
  current: ServiceRow | undefined,
): PlanChange[] {
  const creating = !current;
  const settingKeys = [
    ...new Set([...Object.keys(current?.settings ?? {}), ...Object.keys(desired.settings)]),
  ];
  const password = passwordChange(secrets, desired, current);
  return [
    ...compare(
      [
        ['active', current?.active, desired.active],
        ['name', current?.name, desired.name],
        ['endpoint', current?.endpoint, desired.endpoint],
        ['username', current?.username, desired.username],
      ],
      creating,
    ),
    ...(password ? [password] : []),
    ...compare(
      [
        ['timeoutMs', current?.timeoutMs, desired.timeoutMs],
        ['trustedCertificateSha256', current?.trustedCertificateSha256, desired.trustedCertificateSha256],
        ...settingKeys.map((k): [string, unknown, unknown] => [
          `settings.${k}`,
          current?.settings[k],
          desired.settings[k],
        ]),
      ],
      creating,
    ),
    // A configuration made by hand becomes managed by the file.
    ...(current && current.provisionedAt === null ? [{ field: 'provisioned', from: false, to: true }] : []),
  ];
}

const typeOrder = (t: ServiceType) => SERVICE_TYPES.indexOf(t);

/**
 * What applying the document would change: per channel and service create, update (with field-level changes)
 * or unchanged, and what the database has that the file does not mention (nothing is ever deleted).
 * Values are compared normalised, as the commands store them, so an applied file plans as all unchanged.
 */
export async function buildPlan(db: Db, secrets: SecretBox, document: ProvisioningDocument): Promise<Plan> {
  const channelRows = await db.select().from(channels);
  const serviceRows = await db.select().from(serviceConfigs).where(isNull(serviceConfigs.deletedAt));
  const channelById = new Map(channelRows.map((c) => [c.id, c]));
  const declared = new Set(document.channels.map((c) => c.id));
  const summary: PlanSummary = { create: 0, update: 0, unchanged: 0, notInFile: 0 };
  const count = (action: Action) => {
    summary[action === 'create' ? 'create' : action === 'update' ? 'update' : 'unchanged'] += 1;
  };

  const planned = document.channels.map((desired, i): ChannelPlan => {
    const current = channelById.get(desired.id);
    const changes = channelChanges(desired, current);
    const action: Action = !current ? 'create' : changes.length ? 'update' : 'unchanged';
    count(action);
    const live = serviceRows.filter((s) => s.channelId === desired.id);
    const services = desired.services.map((service, j): ServicePlan => {
      const row = live.find((s) => s.type === service.type);
      const serviceChangesList = serviceChanges(secrets, service, row);
      const serviceAction: Action = !row ? 'create' : serviceChangesList.length ? 'update' : 'unchanged';
      count(serviceAction);
      return {
        channelId: desired.id,
        type: service.type,
        path: `channels[${i}].services[${j}]`,
        action: serviceAction,
        changes: serviceChangesList,
        current: row ? { id: row.id, version: row.version } : null,
        desired: service,
      };
    });
    const servicesNotInFile = live
      .map((s) => s.type)
      .filter((t) => !desired.services.some((s) => s.type === t))
      .sort((a, b) => typeOrder(a) - typeOrder(b));
    summary.notInFile += servicesNotInFile.length;
    const activeAfter = [
      ...desired.services.filter((s) => s.active).map((s) => s.type),
      ...live.filter((s) => s.active && servicesNotInFile.includes(s.type)).map((s) => s.type),
    ];
    return {
      id: desired.id,
      path: `channels[${i}]`,
      action,
      changes,
      current: current ? { version: current.version } : null,
      desired,
      services,
      servicesNotInFile,
      warnings: channelWarnings(activeAfter),
    };
  });
  const channelsNotInFile = channelRows
    .map((c) => c.id)
    .filter((id) => !declared.has(id))
    .sort();
  summary.notInFile += channelsNotInFile.length;
  return { channels: planned, channelsNotInFile, summary };
}

/** Whether applying the plan changes nothing. */
export const isUnchanged = (plan: Plan) => plan.summary.create === 0 && plan.summary.update === 0;
