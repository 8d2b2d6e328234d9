import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** API tokens for the intake API; only a hash is stored, the token is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, so a person can tell tokens apart. */
    prefix: text('prefix').notNull(),
    channelIds: text('channel_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('api_tokens_created_idx').on(t.createdAt)],
);
