import { z } from 'zod';
import { channelIdSchema } from './common.ts';
import {
  certificatePinSchema,
  clientCertificateChangeSchema,
  passwordChangeSchema,
  serviceTypeSchema,
  timeoutMsSchema,
} from './services.ts';
import { httpUrlSchema } from './channels.ts';

/** Test a saved configuration for a channel. */
export const probeSavedSchema = z
  .object({
    configId: z.uuid('Unknown service configuration.'),
    /** The channel whose shop is probed; defaults to the configuration's own channel. */
    channelId: channelIdSchema.optional(),
    probeProductId: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/**
 * Test the values of a form as they are, saved or not. The password and the client certificate: left out uses
 * the stored one of `configId` (the form did not change it), null means none, a value is the one typed in.
 */
export const probeFormSchema = z
  .object({
    channelId: channelIdSchema,
    type: serviceTypeSchema,
    configId: z.uuid('Unknown service configuration.').optional(),
    endpoint: httpUrlSchema('endpoint URL'),
    username: z.string().trim().max(200, 'A username has at most 200 characters.').default(''),
    password: passwordChangeSchema,
    timeoutMs: timeoutMsSchema.default(30_000),
    trustedCertificateSha256: certificatePinSchema.nullish(),
    clientCertificate: clientCertificateChangeSchema,
    probeProductId: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ProbeFormInput = z.input<typeof probeFormSchema>;

export const probeAllSchema = z
  .object({
    /** One channel, or every channel the user may see. */
    channelId: channelIdSchema.optional(),
    concurrency: z
      .number()
      .int()
      .min(1, 'Run at least one test at a time.')
      .max(64, 'Run at most 64 tests at a time.')
      .default(16),
  })
  .strict();
export type ProbeAllInput = z.input<typeof probeAllSchema>;

/** A started "test all": to follow its progress or cancel it. */
export const probeBatchIdSchema = z
  .object({ batchId: z.uuid('Unknown test-all run: start a new one.') })
  .strict();
export type ProbeBatchIdInput = z.input<typeof probeBatchIdSchema>;
