import { z } from 'zod';
import { exportFilterSchema } from '../../../shared/schemas/exports.ts';
import { VERSION_PATTERN } from './version.ts';

/**
 * Inputs of support's actions. (They belong in shared/schemas/ once the client validates forms with them;
 * until then the server is their only user.)
 */
export const exportIdSchema = z.uuid('Unknown order export.');

export const versionSchema = z
  .string({ error: 'version: send the version you read with the export (exports.get).' })
  .regex(VERSION_PATTERN, 'version: send the version you read with the export (exports.get), unchanged.');

const target = { id: exportIdSchema, version: versionSchema };

export const retryInputSchema = z.object(target).strict();

export const editPayloadInputSchema = z
  .object({
    ...target,
    payload: z.record(z.string(), z.unknown(), {
      error: 'payload: must be a JSON object, an IOM Order 2.x order.',
    }),
    retry: z.boolean().default(true),
  })
  .strict();

export const resolveInputSchema = z
  .object({
    ...target,
    reason: z
      .string({ error: 'reason: say why this export needs no export to IOM.' })
      .trim()
      .min(3, 'reason: at least 3 characters — say why this export needs no export to IOM.')
      .max(1000, 'reason: at most 1000 characters.'),
  })
  .strict();

export const escalateInputSchema = z
  .object({
    ...target,
    reason: z.string().trim().max(1000, 'reason: at most 1000 characters.').optional(),
  })
  .strict();

export const acknowledgeInputSchema = z
  .object({ ...target, ownerId: z.uuid('ownerId: choose a user from the list of owners.').optional() })
  .strict();

export const noteInputSchema = z
  .object({
    exportId: exportIdSchema,
    text: z
      .string({ error: 'text: write the note.' })
      .trim()
      .min(1, 'text: write the note.')
      .max(2000, 'text: at most 2000 characters.'),
  })
  .strict();

/** PostgreSQL's timestamps end at year 294276 and begin at 4713 BC: a date outside these is a typo anyway. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
const sane = (d: Date | undefined) => !d || (d.getTime() >= EARLIEST && d.getTime() <= LATEST);

export const bulkFilterInputSchema = z
  .object({
    filter: exportFilterSchema
      .refine((f) => sane(f.from), { path: ['from'], message: 'from: give a date between 1970 and 9999.' })
      .refine((f) => sane(f.to), { path: ['to'], message: 'to: give a date between 1970 and 9999.' }),
  })
  .strict();
export const bulkJobIdSchema = z.object({ id: z.uuid('Unknown bulk retry job.') }).strict();
