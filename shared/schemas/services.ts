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

/** Room for a certificate chain or a private key in PEM, or a PKCS#12 file in base64. */
const PEM_MAX = 64 * 1024;
const PKCS12_MAX = 128 * 1024;

/**
 * A client certificate for mutual TLS, as typed or pasted: a PEM certificate (optionally with its chain) and
 * its private key (an encrypted key with its passphrase), or a PKCS#12 file (.p12/.pfx) in base64 with its
 * passphrase. Whether it parses, and whether key and certificate belong together, the server checks.
 */
export const clientCertificateInputSchema = z
  .object(
    {
      certificate: z
        .string()
        .trim()
        .max(PEM_MAX, 'A PEM certificate has at most 65 536 characters.')
        .optional(),
      key: z.string().trim().max(PEM_MAX, 'A PEM private key has at most 65 536 characters.').optional(),
      pkcs12: z
        .string()
        .transform((v) => v.replace(/\s+/g, ''))
        .pipe(z.string().max(PKCS12_MAX, 'A PKCS#12 file has at most 131 072 base64 characters.'))
        .optional(),
      passphrase: z.string().max(1024, 'A passphrase has at most 1024 characters.').optional(),
    },
    {
      error:
        'A client certificate is { certificate, key, passphrase } (PEM) or { pkcs12, passphrase } (PKCS#12 in base64).',
    },
  )
  .strict()
  .superRefine((v, ctx) => {
    const pem = Boolean(v.certificate || v.key);
    if (pem && v.pkcs12)
      ctx.addIssue({
        code: 'custom',
        path: ['pkcs12'],
        message: 'Give either a PEM certificate and key or a PKCS#12 file, not both.',
      });
    else if (!pem && !v.pkcs12)
      ctx.addIssue({
        code: 'custom',
        path: ['certificate'],
        message: 'Paste the PEM certificate and its private key, or give a PKCS#12 file.',
      });
    else if (pem && !v.certificate)
      ctx.addIssue({
        code: 'custom',
        path: ['certificate'],
        message: 'Paste the PEM certificate the key belongs to.',
      });
    else if (pem && !v.key)
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'Paste the private key that belongs to the certificate.',
      });
  });
export type ClientCertificateInput = z.output<typeof clientCertificateInputSchema>;

/** Write-only like the password: left out keeps the stored one, null clears it, a value replaces it. */
export const clientCertificateChangeSchema = clientCertificateInputSchema.nullable().optional();

const commonFields = {
  name: z.string().trim().max(200, 'A name has at most 200 characters.').nullish(),
  active: z.boolean({ error: 'Active is on or off (true/false).' }),
  endpoint: httpUrlSchema('endpoint URL'),
  username: z.string().trim().max(200, 'A username has at most 200 characters.'),
  password: passwordChangeSchema,
  timeoutMs: timeoutMsSchema,
  trustedCertificateSha256: certificatePinSchema.nullish(),
  clientCertificate: clientCertificateChangeSchema,
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
    clientCertificate: clientCertificateChangeSchema,
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
