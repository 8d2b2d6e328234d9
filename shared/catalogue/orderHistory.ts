import { z } from 'zod';
import { cacheTtlField, cacheTtlSeconds } from './fields.ts';
import type { ServiceTypeDefinition } from './types.ts';

export const orderHistory: ServiceTypeDefinition = {
  type: 'order-history',
  label: 'IOM Order History Service',
  description:
    'Order history, payment status and order documents in My Account come live from IOM (REST, Order API 2.x).',
  protocol: 'REST',
  api: 'Order 2.x',
  defaultPath: '/rest/order-service',
  shopIdentifier: 'shopId',
  deprecated: false,
  settings: z.object({ cacheTtlSeconds }).strict(),
  settingFields: [cacheTtlField],
};
