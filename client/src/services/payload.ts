import { DEFAULT_TIMEOUT_MS } from '../../../shared/schemas/services.ts';
import type { CatalogueEntry, ChannelRecord } from '../providers/types.ts';

export type PasswordAction = 'keep' | 'replace' | 'clear';

/**
 * The form's values as the API takes them: only the settings the type shows (a `visibleWhen` setting is
 * left out while hidden), and the write-only password only when it was replaced (a string) or cleared (null).
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
    ...(action === 'clear'
      ? { password: null }
      : action !== 'keep' && typeof password === 'string' && password !== ''
        ? { password }
        : {}),
  };
}

/** A new configuration starts from the type's defaults and the channel's IOM base URL + the type's path. */
export function newServiceDefaults(entry: CatalogueEntry, channel: ChannelRecord) {
  return {
    name: '',
    active: !entry.deprecated,
    endpoint: channel.iomBaseUrl ? `${channel.iomBaseUrl.replace(/\/+$/, '')}${entry.defaultPath}` : '',
    username: '',
    timeoutMs: DEFAULT_TIMEOUT_MS,
    trustedCertificateSha256: '',
    settings: { ...entry.defaults },
  };
}
