import { z } from 'zod';
import { SHARING_RULES } from '../sharing/effective.ts';
import { pageSchema, sortOrderSchema } from './common.ts';

export const organizationIdSchema = z
  .string({ error: 'Enter an organization id.' })
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'An organization id is 1–100 letters, digits, ".", "-" or "_", starting with a letter or digit.',
  );

export const sharingRuleSchema = z.enum(SHARING_RULES, {
  error: `Choose a sharing rule: ${SHARING_RULES.join(', ')}.`,
});

export const organizationCreateSchema = z
  .object({
    id: organizationIdSchema,
    name: z
      .string({ error: 'Enter a name.' })
      .trim()
      .min(1, 'Enter a name.')
      .max(200, 'A name has at most 200 characters.'),
    description: z
      .string()
      .trim()
      .max(2000, 'The description has at most 2000 characters.')
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .strict();
export type OrganizationCreateInput = z.input<typeof organizationCreateSchema>;

export const organizationUpdateSchema = organizationCreateSchema
  .partial()
  .extend({ id: organizationIdSchema, version: z.number().int().min(1) })
  .strict();
export type OrganizationUpdateInput = z.input<typeof organizationUpdateSchema>;

export const organizationListSchema = pageSchema.extend({
  sort: z.enum(['id', 'name', 'updatedAt']).default('name'),
  order: sortOrderSchema,
  filter: z
    .object({ q: z.string().trim().max(200).optional() })
    .strict()
    .default({}),
});
export type OrganizationListInput = z.input<typeof organizationListSchema>;
