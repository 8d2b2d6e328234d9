import { z } from 'zod';
import { EXPORT_STATES, OUTCOME_CLASSES } from '../exports.ts';
import { channelIdSchema } from './common.ts';

const MAX_RANGE_DAYS = 400;

const EARLIEST = new Date('1970-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');

/** A point in time PostgreSQL can store and compare, given as a Date or an ISO 8601 text. */
const instant = (what: string) =>
  z.coerce
    .date({ error: `${what}: give a date and time, like 2026-11-22T14:00:00Z.` })
    .min(EARLIEST, `${what}: give a date from 1970 on.`)
    .max(LATEST, `${what}: give a date before the year 10000.`);

/**
 * The exports list's filter: what support narrows hundreds of thousands of exports by. The same filter drives
 * the list, the CSV download and bulk retry's preview and job, so they always agree on what "matching" means.
 */
export const exportFilterSchema = z
  .object({
    channelId: channelIdSchema.optional(),
    state: z.enum(EXPORT_STATES, { error: `state: one of ${EXPORT_STATES.join(', ')}.` }).optional(),
    outcomeClass: z
      .enum(OUTCOME_CLASSES, { error: `outcomeClass: one of ${OUTCOME_CLASSES.join(', ')}.` })
      .optional(),
    /** A code of IOM's error report on the last attempt, e.g. `ORDER_VALIDATION_FAILED`. */
    iomErrorCode: z
      .string()
      .trim()
      .min(1)
      .max(100, 'iomErrorCode: at most 100 characters.')
      .regex(/^[A-Za-z0-9_.-]+$/, 'iomErrorCode: letters, digits, ".", "-" and "_" only.')
      .optional(),
    /** Created at or after / before. */
    from: instant('from').optional(),
    to: instant('to').optional(),
    /** The shop order number: exact, or every number that starts with it. */
    orderNumber: z.string().trim().min(1).max(100, 'orderNumber: at most 100 characters.').optional(),
    orderNumberMatch: z.enum(['exact', 'prefix']).default('exact'),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'to: must not be before from.',
  })
  .refine((f) => !f.from || !f.to || f.to.getTime() - f.from.getTime() <= MAX_RANGE_DAYS * 86_400_000, {
    path: ['to'],
    message: `to: a time range spans at most ${MAX_RANGE_DAYS} days.`,
  });
export type ExportFilter = z.infer<typeof exportFilterSchema>;

export const EXPORT_SORT_FIELDS = ['createdAt', 'attempts'] as const;

/**
 * Paging is by keyset (`after`: the cursor of the last row seen) so page 1 000 costs what page 1 costs;
 * `perPage` is bounded.
 */
export const exportListInputSchema = z
  .object({
    filter: exportFilterSchema.default({ orderNumberMatch: 'exact' }),
    sort: z.enum(EXPORT_SORT_FIELDS).default('createdAt'),
    order: z.enum(['ASC', 'DESC']).default('DESC'),
    perPage: z.number().int().min(1).max(500, 'perPage: at most 500 rows at a time.').default(25),
    /** Opaque cursor from the previous page's `nextCursor`; absent for the first page. */
    after: z.string().max(200).optional(),
  })
  .strict();
export type ExportListInput = z.infer<typeof exportListInputSchema>;
