import { z } from 'zod';

/** Builders for settings that several service types share, with the bounds the seeds and the SPEC give. */
export const intIn = (min: number, max: number, what: string, unit = '') =>
  z
    .number({ error: `${what} must be a whole number${unit ? ` of ${unit}` : ''}.` })
    .int(`${what} must be a whole number${unit ? ` of ${unit}` : ''}.`)
    .min(min, `${what} must be at least ${min}${unit ? ` ${unit}` : ''}.`)
    .max(max, `${what} must be at most ${max.toLocaleString('en')}${unit ? ` ${unit}` : ''}.`);

export const cacheTtlSeconds = intIn(0, 86_400, 'Cache TTL', 'seconds').default(5);

/** How the service form shows one setting; generated forms and docs read these, nothing else. */
export interface SettingField {
  key: string;
  label: string;
  help: string;
  kind: 'integer' | 'boolean' | 'select';
  unit?: string;
  min?: number;
  max?: number;
  choices?: readonly { id: string; name: string }[];
  /** Shown only when another setting has one of these values. */
  visibleWhen?: { key: string; equals: string };
  /**
   * A setting of Switchboard's own, which ICM's service page does not have (it changes what Switchboard does,
   * not what ICM does): the form and the docs mark it so nobody looks for it in ICM.
   */
  switchboardOnly?: true;
}

/** How the form marks a setting of Switchboard's own. */
export const SWITCHBOARD_SETTING_NOTE = 'Switchboard setting — not in ICM';

/**
 * The history cache: ICM's Order History service caches "for a few seconds" with no setting, so this TTL is
 * Switchboard's, for its own reads of IOM's order states (the live IOM status of an export).
 */
export const cacheTtlField: SettingField = {
  key: 'cacheTtlSeconds',
  label: 'Cache TTL',
  help: 'How long Switchboard keeps an order state it read from IOM before asking again (ICM’s own cache lasts a few seconds and has no setting). 0 turns the cache off.',
  kind: 'integer',
  unit: 's',
  min: 0,
  max: 86_400,
  switchboardOnly: true,
};
