import { z } from 'zod';
import { roleSchema } from '../roles.ts';
import { channelIdSchema, emailSchema, newPasswordSchema, pageSchema, sortOrderSchema } from './common.ts';

const nameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'A name has at most 100 characters.');

const channelsSchema = z
  .array(channelIdSchema)
  .max(1000, 'Assign at most 1000 channels.')
  .transform((ids) => [...new Set(ids)].sort());

/** A channel manager works on assigned channels only, so one without channels could do nothing. */
function requireChannelsForManagers(
  value: { role?: string | undefined; channels?: string[] | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.role === 'channel_manager' && (value.channels?.length ?? 0) === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['channels'],
      message: 'A channel manager needs at least one channel; add the ids of the channels they manage.',
    });
  }
}

export const userCreateSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    channels: channelsSchema.default([]),
    password: newPasswordSchema,
  })
  .strict()
  .superRefine(requireChannelsForManagers);
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({
    id: z.uuid('Unknown user id.'),
    version: z.number().int().min(1),
    email: emailSchema.optional(),
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    channels: channelsSchema.optional(),
    disabled: z.boolean().optional(),
    /** An admin may set a new password for someone who lost theirs; empty means "keep". */
    password: z
      .union([z.literal(''), newPasswordSchema])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
  })
  .strict();
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const userListSchema = pageSchema.extend({
  sort: z.enum(['email', 'name', 'role', 'createdAt', 'lastLoginAt']).default('email'),
  order: sortOrderSchema,
  filter: z
    .object({
      q: z.string().trim().max(200).optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
    })
    .strict()
    .default({}),
});
export type UserListInput = z.input<typeof userListSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(256),
    newPassword: newPasswordSchema,
  })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'The new password must differ from the current one.',
  });
