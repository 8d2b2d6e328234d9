import { z } from 'zod';
import { cacheTtlField, cacheTtlSeconds } from './fields.ts';
import type { ServiceTypeDefinition } from './types.ts';

const soap = {
  protocol: 'SOAP',
  shopIdentifier: 'shopName',
  deprecated: true,
  settings: z.object({}).strict(),
  settingFields: [],
} as const;

export const order: ServiceTypeDefinition = {
  ...soap,
  type: 'order',
  label: 'IOM Order Service (SOAP)',
  description: 'Exports orders over IOM’s old SOAP API. Deprecated: use the Order Export Service.',
  api: 'OrderService v1.2',
  defaultPath: '/webservices/OrderService/v1.2',
  replacedBy: 'order-export',
  besideReplacement: 'block',
};

export const orderState: ServiceTypeDefinition = {
  ...soap,
  type: 'order-state',
  label: 'IOM Order State Service (SOAP)',
  description:
    'Order states over IOM’s old SOAP API (limited order history). Deprecated: use the Order History Service.',
  api: 'OrderStateService v1.0',
  defaultPath: '/webservices/OrderStateService/v1.0',
  replacedBy: 'order-history',
  besideReplacement: 'block',
  settings: z.object({ cacheTtlSeconds }).strict(),
  settingFields: [cacheTtlField],
};

export const reverse: ServiceTypeDefinition = {
  ...soap,
  type: 'reverse',
  label: 'IOM Reverse Service (SOAP)',
  description:
    'Order cancellation and returns with printable return slips. Deprecated in favour of the RMA Service, which has no return slips.',
  api: 'ReverseService v1.0',
  defaultPath: '/webservices/ReverseService/v1.0',
  replacedBy: 'rma',
  besideReplacement: 'warn',
};

export const download: ServiceTypeDefinition = {
  ...soap,
  type: 'download',
  label: 'IOM Download Service (SOAP)',
  description: 'Customers download or print return slips and documents. Deprecated.',
  api: 'DownloadService v1.0',
  defaultPath: '/webservices/DownloadService/v1.0',
};
