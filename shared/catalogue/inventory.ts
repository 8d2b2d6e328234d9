import { z } from 'zod';
import { intIn } from './fields.ts';
import type { RetiredSetting } from './retired.ts';
import type { ServiceTypeDefinition } from './types.ts';

/** IOM's reservation types (Reservation API 2.0). */
export const RESERVATION_TYPES = ['COMPLETE', 'PARTLY'] as const;

export const inventory: ServiceTypeDefinition = {
  type: 'inventory',
  label: 'IOM Inventory Service',
  description: 'Product availability (ATP) from IOM in real time, and product reservations.',
  protocol: 'servlet',
  api: 'ATP servlet',
  defaultPath: '/servlets/services/',
  shopIdentifier: 'shopId',
  deprecated: false,
  settings: z
    .object({
      globalCache: z
        .boolean({
          error: 'Global cache is on or off (true/false): ICM caches IOM’s responses for 5 seconds.',
        })
        .default(true),
      availabilityCheckOnFailure: z
        .boolean({ error: 'Availability check on failure is on or off (true/false).' })
        .default(true),
      reservationType: z
        .enum(RESERVATION_TYPES, {
          error: `Choose a reservation type IOM knows: ${RESERVATION_TYPES.join(', ')}.`,
        })
        .default('COMPLETE'),
      reservationLifetimeSeconds: intIn(1, 2_147_483_647, 'The reservation lifetime', 'seconds').default(600),
    })
    .strict(),
  settingFields: [
    {
      key: 'globalCache',
      label: 'Global cache',
      help: 'ICM caches IOM’s responses for 5 seconds. ICM’s page has no setting for the time: the checkbox turns the cache on or off.',
      kind: 'boolean',
    },
    {
      key: 'availabilityCheckOnFailure',
      label: 'Availability check on failure',
      help: 'When IOM cannot be reached, fall back to the product’s availability in the local ICM database instead of showing it as unavailable.',
      kind: 'boolean',
    },
    {
      key: 'reservationType',
      label: 'Reservation type',
      help: 'COMPLETE reserves all requested items or none; PARTLY reserves what is available.',
      kind: 'select',
      choices: RESERVATION_TYPES.map((id) => ({ id, name: id })),
    },
    {
      key: 'reservationLifetimeSeconds',
      label: 'Reservation lifetime',
      help: 'How long IOM holds a reservation before releasing it.',
      kind: 'integer',
      unit: 's',
      min: 1,
      max: 2_147_483_647,
    },
  ],
};

/**
 * Earlier, the inventory cache was a number of seconds. ICM's Inventory service has a *Global cache* checkbox
 * (5 seconds, no setting for the time), so a stored TTL becomes that checkbox: any TTL above 0 was a cache, 0 was none.
 */
export const inventoryRetiredSettings: Readonly<Record<string, RetiredSetting>> = {
  cacheTtlSeconds: {
    replacedBy: 'globalCache',
    upgrade: (value) => ({ globalCache: typeof value === 'number' ? value > 0 : true }),
    hint: 'true or false: ICM caches IOM’s responses for 5 seconds; its page has no setting for the time',
  },
};
