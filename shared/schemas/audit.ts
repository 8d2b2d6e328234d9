import { z } from 'zod';
import { pageSchema, sortOrderSchema } from './common.ts';

const isoDate = z.iso.datetime({
  offset: true,
  error: 'Use an ISO date and time, e.g. 2026-11-22T08:00:00Z.',
});

export const auditListSchema = pageSchema.extend({
  sort: z.enum(['at', 'action', 'actorEmail']).default('at'),
  order: sortOrderSchema.default('DESC'),
  filter: z
    .object({
      q: z.string().trim().max(200).optional(),
      action: z.string().trim().max(100).optional(),
      actorEmail: z.string().trim().max(254).optional(),
      targetType: z.string().trim().max(50).optional(),
      targetId: z.string().trim().max(200).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .strict()
    .default({}),
});
export type AuditListInput = z.input<typeof auditListSchema>;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}
