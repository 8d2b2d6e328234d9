import type { channels, organizations } from '../../drizzle/schema/index.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { materialOf, openClientCertificate } from '../secrets/clientCertificate.ts';
import { secretContext } from '../services/commands.ts';
import type { ServiceRow } from '../services/queries.ts';
import type {
  ProvisionedChannel,
  ProvisionedOrganization,
  ProvisionedOrganizationService,
  ProvisionedService,
} from './format.ts';

/**
 * One field that differs. A password or client certificate never carries a value: `shown` says "(set)",
 * "(changed)" or "(cleared)".
 */
export interface PlanChange {
  field: string;
  from: unknown;
  to: unknown;
  shown?: string;
}

export const PASSWORD_SET = '(set)';
export const PASSWORD_CHANGED = '(changed)';
export const PASSWORD_CLEARED = '(cleared)';

const canonical = (v: unknown) =>
  JSON.stringify(v ?? null, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
const same = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

type Compared = [field: string, from: unknown, to: unknown];

/** For a creation: every value it gets; for an update: what differs. */
function compare(fields: Compared[], creating: boolean): PlanChange[] {
  return fields
    .filter(([, from, to]) => (creating ? to !== null && to !== undefined : !same(from, to)))
    .map(([field, from, to]) => ({ field, from: creating ? null : (from ?? null), to: to ?? null }));
}

export function channelChanges(
  desired: ProvisionedChannel,
  current: typeof channels.$inferSelect | undefined,
): PlanChange[] {
  return compare(
    [
      ['name', current?.name, desired.name],
      ['iomShopId', current?.iomShopId, desired.iomShopId],
      ['iomShopName', current?.iomShopName, desired.iomShopName],
      ['iomBaseUrl', current?.iomBaseUrl, desired.iomBaseUrl],
      ['description', current?.description, desired.description],
      ['organization', current?.organizationId, desired.organization],
    ],
    !current,
  );
}

export function organizationChanges(
  desired: ProvisionedOrganization,
  current: typeof organizations.$inferSelect | undefined,
): PlanChange[] {
  return compare(
    [
      ['name', current?.name, desired.name],
      ['description', current?.description, desired.description],
    ],
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

/** Whether the stored client certificate is the desired one; compared by decrypting, never shown. */
function clientCertificateChange(
  secrets: SecretBox,
  desired: ProvisionedService,
  current: ServiceRow | undefined,
): PlanChange | null {
  const stored = current?.clientCertificateEncrypted ?? null;
  const wanted = desired.clientCertificate;
  if (wanted === undefined) return null;
  const field = 'clientCertificate';
  if (wanted === null)
    return stored === null ? null : { field, from: PASSWORD_SET, to: null, shown: PASSWORD_CLEARED };
  if (stored === null || !current) return { field, from: null, to: PASSWORD_SET, shown: PASSWORD_SET };
  let unchanged = false;
  try {
    unchanged = canonical(openClientCertificate(secrets, current)) === canonical(materialOf(wanted));
  } catch {
    // Saved with another key: the file's certificate replaces it.
  }
  return unchanged ? null : { field, from: PASSWORD_SET, to: PASSWORD_CHANGED, shown: PASSWORD_CHANGED };
}

const isShared = (s: ProvisionedService): s is ProvisionedOrganizationService => 'sharing' in s;

/** Field by field, as the service commands store the values; an organization's service with its sharing rule. */
export function serviceChanges(
  secrets: SecretBox,
  desired: ProvisionedService | ProvisionedOrganizationService,
  current: ServiceRow | undefined,
): PlanChange[] {
  const creating = !current;
  const settingKeys = [
    ...new Set([...Object.keys(current?.settings ?? {}), ...Object.keys(desired.settings)]),
  ];
  const password = passwordChange(secrets, desired, current);
  const certificate = clientCertificateChange(secrets, desired, current);
  return [
    ...compare(
      [
        ...(isShared(desired) ? [['sharing', current?.sharingRule, desired.sharing] satisfies Compared] : []),
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
      ],
      creating,
    ),
    ...(certificate ? [certificate] : []),
    ...compare(
      [...settingKeys.map((k): Compared => [`settings.${k}`, current?.settings[k], desired.settings[k]])],
      creating,
    ),
    // A configuration made by hand becomes managed by the file.
    ...(current && current.provisionedAt === null ? [{ field: 'provisioned', from: false, to: true }] : []),
  ];
}
