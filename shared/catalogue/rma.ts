import { z } from 'zod';
import type { ServiceTypeDefinition } from './types.ts';

export const rma: ServiceTypeDefinition = {
  type: 'rma',
  label: 'IOM RMA Service',
  description:
    'Customers request returns: items, a reason and optionally a pickup address (REST, RMA API 2.x).',
  protocol: 'REST',
  api: 'RMA 2.x',
  defaultPath: '/rest/rma',
  shopIdentifier: 'shopName',
  deprecated: false,
  settings: z.object({}).strict(),
  settingFields: [],
};
