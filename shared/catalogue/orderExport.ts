import { z } from 'zod';
import { intIn } from './fields.ts';
import type { ServiceTypeDefinition } from './types.ts';

export const EXPORT_TRIGGERS = ['on-order-creation', 'on-order-approval', 'scheduled', 'manual'] as const;
export type ExportTrigger = (typeof EXPORT_TRIGGERS)[number];

const settings = z
  .object({
    exportTrigger: z
      .enum(EXPORT_TRIGGERS, { error: `Choose an export trigger: ${EXPORT_TRIGGERS.join(', ')}.` })
      .default('on-order-creation'),
    scheduleIntervalMinutes: intIn(1, 1440, 'The schedule interval', 'minutes').optional(),
    maxAttempts: intIn(1, 100, 'Max automatic attempts').default(8),
    retryInitialDelaySeconds: intIn(1, 3600, 'The initial retry delay', 'seconds').default(30),
    escalationThreshold: intIn(1, 100, 'The escalation threshold').default(5),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.exportTrigger === 'scheduled' && s.scheduleIntervalMinutes === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['scheduleIntervalMinutes'],
        message: 'A scheduled export needs an interval: 1–1440 minutes.',
      });
    }
    if (s.escalationThreshold > s.maxAttempts) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalationThreshold'],
        message: `The escalation threshold (${s.escalationThreshold}) must not exceed the max automatic attempts (${s.maxAttempts}), or failed exports would never be escalated.`,
      });
    }
  })
  .transform((s) => (s.exportTrigger === 'scheduled' ? s : { ...s, scheduleIntervalMinutes: undefined }));

export const orderExport: ServiceTypeDefinition = {
  type: 'order-export',
  label: 'IOM Order Export Service',
  description: 'Exports orders from ICM to IOM (REST, Order API 2.x).',
  protocol: 'REST',
  api: 'Order 2.x',
  defaultPath: '/rest/order-service',
  shopIdentifier: 'shopId',
  deprecated: false,
  settings,
  // Every setting here is Switchboard's own: ICM's service page for order export does not have them.
  settingFields: [
    {
      key: 'exportTrigger',
      label: 'Export trigger',
      help: 'When an order is sent to IOM: as soon as it arrives, after its approval (B2B), in batches, or only when an operator runs it.',
      kind: 'select',
      choices: [
        { id: 'on-order-creation', name: 'On order creation' },
        { id: 'on-order-approval', name: 'On order approval' },
        { id: 'scheduled', name: 'Scheduled (batch)' },
        { id: 'manual', name: 'Manual' },
      ],
      switchboardOnly: true,
    },
    {
      key: 'scheduleIntervalMinutes',
      label: 'Schedule interval',
      help: 'Held orders are released in a batch every this many minutes.',
      kind: 'integer',
      unit: 'min',
      min: 1,
      max: 1440,
      visibleWhen: { key: 'exportTrigger', equals: 'scheduled' },
      switchboardOnly: true,
    },
    {
      key: 'maxAttempts',
      label: 'Max automatic attempts',
      help: 'Technical errors (IOM unreachable, 5xx, timeouts) are retried automatically up to this many attempts.',
      kind: 'integer',
      min: 1,
      max: 100,
      switchboardOnly: true,
    },
    {
      key: 'retryInitialDelaySeconds',
      label: 'Initial retry delay',
      help: 'Wait before the first retry; it doubles with each attempt (with jitter), up to one hour.',
      kind: 'integer',
      unit: 's',
      min: 1,
      max: 3600,
      switchboardOnly: true,
    },
    {
      key: 'escalationThreshold',
      label: 'Escalation threshold',
      help: 'After this many failed attempts the export is escalated to support.',
      kind: 'integer',
      min: 1,
      max: 100,
      switchboardOnly: true,
    },
  ],
};
