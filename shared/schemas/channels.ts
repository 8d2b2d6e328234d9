import { z } from 'zod';
import { channelIdSchema, pageSchema, sortOrderSchema } from './common.ts';
import { organizationIdSchema } from './organizations.ts';

export const INT64_MAX = 9_223_372_036_854_775_807n;

/** IOM's numeric shop ID: digits only, exact beyond 2^53, within PostgreSQL's bigint. Accepts digits or a bigint. */
export const shopIdSchema = z
  .union([z.string(), z.bigint(), z.number()], { error: 'The IOM shop ID is a whole number, e.g. 10000.' })
  .transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : String(value);
    if (!/^\d+$/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: text.startsWith('-')
          ? 'The IOM shop ID cannot be negative; use the positive number IOM shows for the shop.'
          : 'The IOM shop ID takes digits only (no letters, spaces, signs or decimals), e.g. 10000.',
      });
      return z.NEVER;
    }
    const id = BigInt(text);
    if (id < 1n || id > INT64_MAX) {
      ctx.addIssue({
        code: 'custom',
        message:
          id < 1n
            ? 'The IOM shop ID must be at least 1.'
            : `The IOM shop ID must be at most ${INT64_MAX} (a 64-bit integer).`,
      });
      return z.NEVER;
    }
    return id;
  });

export const shopNameSchema = z
  .string({ error: 'Enter the IOM shop name.' })
  .trim()
  .min(1, 'Enter the IOM shop name, as IOM spells it (e.g. inTRONICS).')
  .max(200, 'An IOM shop name has at most 200 characters.');

/** An http(s) URL a server can be reached at; no credentials inside it, no other schemes. */
export const httpUrlSchema = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .max(2000, `The ${what} has at most 2000 characters.`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `The ${what} must be a full URL with http:// or https://, e.g. https://iom.example.com.`,
        });
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({
          code: 'custom',
          message: `The ${what} must start with http:// or https:// (not ${url.protocol}).`,
        });
      } else if (!url.hostname) {
        ctx.addIssue({
          code: 'custom',
          message: `The ${what} needs a host name, e.g. https://iom.example.com.`,
        });
      } else if (url.username || url.password) {
        ctx.addIssue({
          code: 'custom',
          message: `Do not put credentials into the ${what}; use the username and password fields.`,
        });
      } else if (url.hash) {
        ctx.addIssue({ code: 'custom', message: `The ${what} cannot have a #fragment.` });
      }
    });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `The ${what} has at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const channelCreateSchema = z
  .object({
    id: channelIdSchema,
    name: z
      .string({ error: 'Enter a name.' })
      .trim()
      .min(1, 'Enter a name.')
      .max(200, 'A name has at most 200 characters.'),
    iomShopId: shopIdSchema,
    iomShopName: shopNameSchema,
    iomBaseUrl: httpUrlSchema('IOM base URL')
      .nullish()
      .or(z.literal(''))
      .transform((v) => (v ? v.replace(/\/+$/, '') : null)),
    description: optionalText(2000, 'description'),
    /** The ICM sales organization the channel belongs to; without it, the default organization. */
    organizationId: organizationIdSchema.optional(),
  })
  .strict();
export type ChannelCreateInput = z.input<typeof channelCreateSchema>;

export const channelUpdateSchema = channelCreateSchema
  .partial()
  .extend({ id: channelIdSchema, version: z.number().int().min(1) })
  .strict();
export type ChannelUpdateInput = z.input<typeof channelUpdateSchema>;

export const channelListSchema = pageSchema.extend({
  sort: z.enum(['id', 'name', 'iomShopName', 'updatedAt']).default('name'),
  order: sortOrderSchema,
  filter: z
    .object({
      q: z.string().trim().max(200).optional(),
      ids: z.array(channelIdSchema).max(500).optional(),
      organizationId: organizationIdSchema.optional(),
      missingFeature: z
        .enum(['orderExport', 'orderHistory', 'returns', 'returnSlips', 'inventory'])
        .optional(),
    })
    .strict()
    .default({}),
});
export type ChannelListInput = z.input<typeof channelListSchema>;
