import { z } from 'zod';
import { PARTY_KINDS } from '../sequence/compute.ts';
import { NEGOTIATION_STATES, PARTY_SOURCES } from '../sequence/workflow.ts';
import { channelIdSchema } from './common.ts';

/**
 * Inputs of the order-number negotiation. Numbers travel as text exactly as typed: the shared sequence module
 * parses them, so the server and the browser give the same message for the same input, naming its field.
 */
const numberText = (what: string) =>
  z.union([z.string(), z.bigint()], { error: `Enter ${what} as digits.` }).transform((v, ctx) => {
    const text = typeof v === 'bigint' ? v.toString() : v;
    if (text.length > 100) {
      ctx.addIssue({ code: 'custom', message: `${what} has at most 100 digits.` });
      return z.NEVER;
    }
    return text;
  });

/** What backs a number (the parsed file, IOM's answers): kept with the party, at most 32 kB. */
const evidenceSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .refine(
    (v) => v == null || JSON.stringify(v).length <= 32_768,
    'The evidence is too large (32 kB at most).',
  );

export const partyInputSchema = z.object({
  kind: z.enum(PARTY_KINDS.filter((k) => k !== 'icm') as ['iom', 'other'], {
    error: 'A party is an IOM (iom) or another system (other); ICM has its own fields.',
  }),
  name: z
    .string({ error: 'Name the party, e.g. "IOM".' })
    .max(100, 'A party name has at most 100 characters.'),
  largest: numberText('The largest number'),
  channelId: channelIdSchema.nullish(),
  source: z.enum(PARTY_SOURCES).default('typed'),
  evidence: evidenceSchema,
});
export type PartyFormInput = z.input<typeof partyInputSchema>;

export const negotiationInputSchema = z.object({
  title: z
    .string({ error: 'Give the negotiation a title.' })
    .trim()
    .min(1, 'Give the negotiation a title, e.g. "Go-live with IOM, November 2026".')
    .max(200, 'A title has at most 200 characters.'),
  icmStartsWith: numberText('ICM startsWith'),
  icmBlockSize: numberText('The ICM block size').nullish(),
  /** Only to change ICM's block size from the start on; empty keeps it (and its line commented out). */
  newBlockSize: numberText('The new block size').nullish(),
  icmSource: z.enum(PARTY_SOURCES).default('typed'),
  icmEvidence: evidenceSchema,
  parties: z.array(partyInputSchema).max(50, 'At most 50 parties.').default([]),
  prefix: z.string().max(30, 'A prefix has at most 30 digits.').nullish(),
  note: z.string().trim().max(4000, 'A note has at most 4000 characters.').nullish(),
});
export type NegotiationInput = z.input<typeof negotiationInputSchema>;

export const negotiationIdSchema = z.object({ id: z.uuid('Unknown negotiation.') });

const versioned = negotiationIdSchema.extend({
  version: z.number({ error: 'The version you edited is missing; reload.' }).int().min(1),
});

export const negotiationUpdateSchema = negotiationInputSchema.extend(versioned.shape);
export type NegotiationUpdateInput = z.input<typeof negotiationUpdateSchema>;

export const negotiationStepSchema = versioned;

export const negotiationApplySchema = versioned.extend({
  note: z
    .string({ error: 'Say where and when it was applied.' })
    .trim()
    .min(3, 'Say where and when it was applied, e.g. "ICM production, release 2026.11, 22 Nov 2026".')
    .max(2000, 'The note has at most 2000 characters.'),
});

export const negotiationListSchema = z
  .object({ state: z.enum(NEGOTIATION_STATES).optional() })
  .strict()
  .default({});

export const negotiationExportSchema = negotiationIdSchema.extend({
  format: z.enum(['json', 'markdown'], { error: 'Export as json or markdown.' }),
});

export const iomLargestSchema = z.object({
  channelId: channelIdSchema,
  /** How many orders each of the two queries asks IOM for. */
  limit: z.number().int().min(1).max(1000, 'Ask IOM for at most 1000 orders per query.').default(100),
});
