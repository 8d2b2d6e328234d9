import { CATALOGUE } from './index.ts';
import { inventoryRetiredSettings } from './inventory.ts';
import type { ServiceType } from './types.ts';

/** A setting an earlier catalogue had, and what took its place. */
export interface RetiredSetting {
  /** The setting that replaced it. */
  replacedBy: string;
  /** Its stored value in the current shape, e.g. `cacheTtlSeconds: 5` → `{ globalCache: true }`. */
  upgrade: (value: unknown) => Record<string, unknown>;
  /** What the new setting takes, for the refusal of the old key. */
  hint: string;
}

/** Retired settings per type; a type's own module says how its old values translate. */
export const RETIRED_SETTINGS: Partial<Record<ServiceType, Readonly<Record<string, RetiredSetting>>>> = {
  inventory: inventoryRetiredSettings,
};

const retiredOf = (type: ServiceType, key: string): RetiredSetting | undefined => {
  const retired = RETIRED_SETTINGS[type];
  return retired && Object.hasOwn(retired, key) ? retired[key] : undefined;
};

/**
 * Why `key` is refused on `type` when it is a retired setting, naming the new key and the value to write
 * (`cacheTtlSeconds: 5` → `globalCache: true`); undefined for any other key. Files and API calls of the earlier
 * shape are refused with this, rather than read silently in a shape nobody wrote.
 */
export function retiredSettingMessage(type: ServiceType, key: string, value: unknown): string | undefined {
  const retired = retiredOf(type, key);
  if (!retired) return undefined;
  const upgraded = Object.entries(retired.upgrade(value))
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
  return `${key} is no longer a setting of ${type}: use ${retired.replacedBy} (${retired.hint}). Here that is ${upgraded}.`;
}

/**
 * Settings as stored by an earlier catalogue, in the current shape: retired keys become their replacements
 * (a replacement already present wins), then the type's defaults fill what is missing. Stored configurations
 * keep working without a data migration; anything the schema refuses is handed back as it is, for the write
 * path to report.
 */
export function upgradeStoredSettings(
  type: ServiceType,
  stored: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const upgraded: Record<string, unknown> = {};
  const replacements: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    const retired = retiredOf(type, key);
    if (retired) Object.assign(replacements, retired.upgrade(value));
    else upgraded[key] = value;
  }
  const merged = { ...replacements, ...upgraded };
  const parsed = CATALOGUE[type].settings.safeParse(merged);
  if (!parsed.success) return merged;
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
}
