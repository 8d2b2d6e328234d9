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
}

export const cacheTtlField: SettingField = {
  key: 'cacheTtlSeconds',
  label: 'Cache TTL',
  help: 'How long ICM keeps an answer from IOM before asking again. 0 turns the cache off.',
  kind: 'integer',
  unit: 's',
  min: 0,
  max: 86_400,
};
