import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ServiceType } from '../../shared/catalogue/types.ts';

/** An ICM sales channel, which is one IOM shop. */
export const channels = pgTable('channels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  iomShopId: bigint('iom_shop_id', { mode: 'bigint' }).notNull(),
  iomShopName: text('iom_shop_name').notNull(),
  iomBaseUrl: text('iom_base_url'),
  description: text('description'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** One managed-service configuration per (channel, type); soft-deleted rows keep their history. */
export const serviceConfigs = pgTable(
  'service_configs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    type: text('type').$type<ServiceType>().notNull(),
    name: text('name'),
    active: boolean('active').notNull().default(false),
    endpoint: text('endpoint').notNull(),
    username: text('username').notNull().default(''),
    /** AES-256-GCM ciphertext (server/secrets), never the password itself. */
    passwordEncrypted: text('password_encrypted'),
    timeoutMs: integer('timeout_ms').notNull().default(30_000),
    trustedCertificateSha256: text('trusted_certificate_sha256'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    /** Set while the configuration is managed by a provisioning file. */
    provisionedAt: timestamp('provisioned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by'),
  },
  (t) => [
    uniqueIndex('service_configs_channel_type_live_key').on(t.channelId, t.type).where(sql`${t.deletedAt} is null`),
    index('service_configs_channel_idx').on(t.channelId),
  ],
);
