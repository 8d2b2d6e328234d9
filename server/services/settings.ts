import { CATALOGUE, type ServiceType } from '../../shared/catalogue/index.ts';
import { retiredSettingMessage } from '../../shared/catalogue/retired.ts';
import { DomainError } from '../errors.ts';

/**
 * Validates settings against the type's own schema; errors name `settings.<key>`, and a key that belongs to
 * another type (or to none) is refused by name; a retired key (inventory's `cacheTtlSeconds`) with its new one.
 */
export function parseSettings(type: ServiceType, raw: Record<string, unknown>): Record<string, unknown> {
  const result = CATALOGUE[type].settings.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fieldErrors[`settings.${key}`] =
          retiredSettingMessage(type, key, raw[key]) ??
          `${key} is not a setting of ${type}; its settings are: ${
            Object.keys(CATALOGUE[type].settings.parse({})).join(', ') || 'none'
          }.`;
      }
    } else {
      fieldErrors[['settings', ...issue.path.map(String)].join('.')] ??= issue.message;
    }
  }
  const message = Object.entries(fieldErrors)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  throw new DomainError('BAD_REQUEST', message, fieldErrors);
}

/** `{ settings: { a: 1 } }` → `{ 'settings.a': 1 }`, so the audit diff names each setting. */
export function flattenSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [`settings.${k}`, v ?? null]));
}
