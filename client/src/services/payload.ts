import { DEFAULT_TIMEOUT_MS } from '../../../shared/schemas/services.ts';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import type { Owner } from './owner.ts';

export type PasswordAction = 'keep' | 'replace' | 'clear';

/**
 * The form's values as the API takes them: only the settings the type shows (a `visibleWhen` setting is
 * left out while hidden), and the write-only password only when it was replaced (a string) or cleared (null).
 * An organization configuration carries its sharing rule, and `confirmLoss` once the admin confirmed.
 */
export function servicePayload(values: Record<string, unknown>, entry: CatalogueEntry | undefined) {
  const settings = (values.settings ?? {}) as Record<string, unknown>;
  const shown = (entry?.settingFields ?? []).filter(
    (f) => !f.visibleWhen || settings[f.visibleWhen.key] === f.visibleWhen.equals,
  );
  const action = values.passwordAction as PasswordAction | undefined;
  const password = values.password;
  return {
    name: values.name,
    active: values.active,
    endpoint: values.endpoint,
    username: values.username,
    timeoutMs: values.timeoutMs,
    trustedCertificateSha256: values.trustedCertificateSha256,
    settings: Object.fromEntries(
      shown.filter((f) => settings[f.key] !== undefined).map((f) => [f.key, settings[f.key]]),
    ),
    ...(values.organizationId ? { sharingRule: values.sharingRule } : {}),
    ...(values.confirmLoss === true ? { confirmLoss: true } : {}),
    ...(action === 'clear'
      ? { password: null }
      : action !== 'keep' && typeof password === 'string' && password !== ''
        ? { password }
        : {}),
  };
}

/**
 * A new configuration starts from the type's defaults and the channel's IOM base URL + the type's path;
 * an override starts from the inherited configuration's values (never its password).
 */
export function newServiceDefaults(entry: CatalogueEntry, owner: Owner, from?: ServiceRecord) {
  const base = owner.kind === 'channel' ? owner.channel.iomBaseUrl : null;
  return {
    name: from?.name ?? '',
    active: !entry.deprecated,
    endpoint: from?.endpoint ?? (base ? `${base.replace(/\/+$/, '')}${entry.defaultPath}` : ''),
    username: from?.username ?? '',
    timeoutMs: from?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    trustedCertificateSha256: from?.trustedCertificateSha256 ?? '',
    settings: { ...entry.defaults, ...from?.settings },
    ...(owner.kind === 'organization' ? { sharingRule: 'unshared' } : {}),
  };
}
