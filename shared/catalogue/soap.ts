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

const checkbox = (what: string) =>
  z.boolean({ error: `${what} is a checkbox: true or false.` }).default(false);

/**
 * The OrderMessageQueue settings of ICM's Order Service page, with the guide's labels (the help only restates
 * each label). The documents at hand give no defaults for them; they start unchecked, so nothing is logged
 * until someone decides to.
 */
export const order: ServiceTypeDefinition = {
  ...soap,
  type: 'order',
  label: 'IOM Order Service (SOAP)',
  description: 'Exports orders over IOM’s old SOAP API. Deprecated: use the Order Export Service.',
  api: 'OrderService v1.2',
  defaultPath: '/webservices/OrderService/v1.2',
  replacedBy: 'order-export',
  besideReplacement: 'block',
  settings: z
    .object({
      enableOrderMessageQueue: checkbox('Enable the OrderMessageQueue'),
      deleteNonErrorRecords: checkbox('Delete non-error records'),
      logRequestMessagesOnError: checkbox('Log request messages on error'),
    })
    .strict(),
  settingFields: [
    {
      key: 'enableOrderMessageQueue',
      label: 'Enable the OrderMessageQueue',
      help: 'ICM logs the messages it exchanges with IOM in its database.',
      kind: 'boolean',
    },
    {
      key: 'deleteNonErrorRecords',
      label: 'Delete non-error records',
      help: 'ICM deletes the logged messages of exchanges that succeeded and keeps those of errors.',
      kind: 'boolean',
    },
    {
      key: 'logRequestMessagesOnError',
      label: 'Log request messages on error',
      help: 'ICM logs the request it sent when IOM answers with an error.',
      kind: 'boolean',
    },
  ],
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
