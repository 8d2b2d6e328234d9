import { z } from 'zod';
import { SERVICE_TYPES } from '../catalogue/types.ts';
import { httpUrlSchema } from './channels.ts';
import { channelIdSchema } from './common.ts';
import { organizationIdSchema, sharingRuleSchema } from './organizations.ts';

export const serviceTypeSchema = z.enum(SERVICE_TYPES, {
  error: `Unknown service type; choose one of ${SERVICE_TYPES.join(', ')}.`,
});

export const DEFAULT_TIMEOUT_MS = 30_000;

export const timeoutMsSchema = z
  .number({ error: 'The timeout is a whole number of milliseconds.' })
  .int('The timeout is a whole number of milliseconds.')
  .min(1, 'The timeout must be at least 1 ms.')
  .max(120_000, 'The timeout must be at most 120 000 ms (2 minutes).');

/** SHA-256 of a certificate, as browsers and openssl print it (with or without colons); stored as 64 lower-case hex digits. */
export const certificatePinSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/:/g, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^[0-9a-f]{64}$/,
        'A certificate pin is the SHA-256 fingerprint: 64 hex digits, colons allowed.',
      ),
  );

/**
 * The password field is write-only: left out (undefined) keeps the stored one, null clears it, a string replaces it.
 */
export const passwordChangeSchema = z
  .string()
  .max(500, 'A password has at most 500 characters.')
  .refine((v) => v.length > 0, 'Enter the new password, or leave the field alone to keep the stored one.')
  .nullable()
  .optional();

const commonFields = {
  name: z.string().trim().max(200, 'A name has at most 200 characters.').nullish(),
  active: z.boolean({ error: 'Active is on or off (true/false).' }),
  endpoint: httpUrlSchema('endpoint URL'),
  username: z.string().trim().max(200, 'A username has at most 200 characters.'),
  password: passwordChangeSchema,
  timeoutMs: timeoutMsSchema,
  trustedCertificateSha256: certificatePinSchema.nullish(),
  /** Validated by the type's own schema on the server (shared/catalogue). */
  settings: z.record(z.string(), z.unknown(), { error: 'Settings are an object of key: value pairs.' }),
};

/** Said when a change takes a configuration away from channels that use it, after the preview named them. */
const confirmLoss = z.boolean().optional();

/** A configuration belongs to a channel, or to an organization that shares it under a rule. */
export const serviceCreateSchema = z
  .object({
    channelId: channelIdSchema.optional(),
    organizationId: organizationIdSchema.optional(),
    sharingRule: sharingRuleSchema.optional(),
    type: serviceTypeSchema,
    ...commonFields,
    active: commonFields.active.default(false),
    endpoint: commonFields.endpoint.optional(),
    username: commonFields.username.default(''),
    timeoutMs: timeoutMsSchema.default(DEFAULT_TIMEOUT_MS),
    settings: commonFields.settings.default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.channelId === undefined) === (v.organizationId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['channelId'],
        message: 'Give either a channel or an organization that owns the configuration.',
      });
    }
    if (v.channelId !== undefined && v.sharingRule !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sharingRule'],
        message: 'Only an organization shares configurations; leave the sharing rule out for a channel.',
      });
    }
  });
export type ServiceCreateInput = z.input<typeof serviceCreateSchema>;

export const serviceUpdateSchema = z
  .object({
    id: z.uuid('Unknown service configuration.'),
    version: z.number().int().min(1),
    name: commonFields.name,
    active: commonFields.active.optional(),
    endpoint: commonFields.endpoint.optional(),
    username: commonFields.username.optional(),
    password: passwordChangeSchema,
    timeoutMs: timeoutMsSchema.optional(),
    trustedCertificateSha256: commonFields.trustedCertificateSha256,
    settings: commonFields.settings.optional(),
    sharingRule: sharingRuleSchema.optional(),
    confirmLoss,
  })
  .strict();
export type ServiceUpdateInput = z.input<typeof serviceUpdateSchema>;

export const serviceRefSchema = z
  .object({ id: z.uuid('Unknown service configuration.'), version: z.number().int().min(1), confirmLoss })
  .strict();

/** A channel switches an inherited configuration on or off, where its sharing rule allows. */
export const inheritedActivationSchema = z
  .object({
    channelId: channelIdSchema,
    configId: z.uuid('Unknown service configuration.'),
    active: z.boolean(),
  })
  .strict();

export const serviceListSchema = z
  .object({
    channelId: channelIdSchema.optional(),
    organizationId: organizationIdSchema.optional(),
    includeDeleted: z.boolean().default(false),
    type: serviceTypeSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type ServiceListInput = z.input<typeof serviceListSchema>;

/** A change to an organization configuration, to preview which channels lose or gain it. */
export const orgChangePreviewSchema = z
  .object({
    id: z.uuid('Unknown service configuration.'),
    sharingRule: sharingRuleSchema.optional(),
    active: z.boolean().optional(),
    deleted: z.boolean().optional(),
  })
  .strict();
