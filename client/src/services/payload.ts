import { DEFAULT_TIMEOUT_MS } from '../../../shared/schemas/services.ts';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import type { Owner } from './owner.ts';

export type PasswordAction = 'keep' | 'replace' | 'clear';

/** The client certificate's choice: keep the stored one, replace (or add) it, clear it, or none at all. */
export type CertificateAction = 'keep' | 'replace' | 'clear' | 'none';
export type CertificateFormat = 'pem' | 'pkcs12';

const typed = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The form's client certificate as the API takes it (write-only, like the password): the one typed in (PEM
 * certificate and key, or a PKCS#12 file read as base64), null to clear the stored one, or nothing to keep it.
 */
export function clientCertificateOf(values: Record<string, unknown>): {
  clientCertificate?: Record<string, string> | null;
} {
  const action = values.clientCertificateAction as CertificateAction | undefined;
  if (action === 'clear') return { clientCertificate: null };
  if (action !== 'replace') return {};
  const typedIn = (values.clientCertificate ?? {}) as Record<string, unknown>;
  const passphrase =
    typeof typedIn.passphrase === 'string' && typedIn.passphrase !== '' ? typedIn.passphrase : undefined;
  const fields =
    values.clientCertificateFormat === 'pkcs12'
      ? { pkcs12: typed(typedIn.pkcs12) }
      : { certificate: typed(typedIn.certificate), key: typed(typedIn.key) };
  return {
    clientCertificate: Object.fromEntries(
      Object.entries({ ...fields, passphrase }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  };
}

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
    ...clientCertificateOf(values),
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
