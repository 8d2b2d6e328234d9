import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import type { SharingRule } from '../../shared/sharing/effective.ts';
import { DEFAULT_ORGANIZATION_ID, organizations } from './organizations.ts';

/** An ICM sales channel, which is one IOM shop. */
export const channels = pgTable('channels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  iomShopId: bigint('iom_shop_id', { mode: 'bigint' }).notNull(),
  iomShopName: text('iom_shop_name').notNull(),
  iomBaseUrl: text('iom_base_url'),
  description: text('description'),
  organizationId: text('organization_id')
    .notNull()
    .default(DEFAULT_ORGANIZATION_ID)
    .references(() => organizations.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * A managed-service configuration, owned either by a channel (one per channel and type) or by an
 * organization (one per organization and type, shared to its channels by `sharingRule`). Soft-deleted rows
 * keep their history.
 */
export const serviceConfigs = pgTable(
  'service_configs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: text('channel_id').references(() => channels.id),
    organizationId: text('organization_id').references(() => organizations.id),
    /** Organization-level configurations only. */
    sharingRule: text('sharing_rule').$type<SharingRule>(),
    type: text('type').$type<ServiceType>().notNull(),
    name: text('name'),
    active: boolean('active').notNull().default(false),
    endpoint: text('endpoint').notNull(),
    username: text('username').notNull().default(''),
    /** AES-256-GCM ciphertext (server/secrets), never the password itself. */
    passwordEncrypted: text('password_encrypted'),
    timeoutMs: integer('timeout_ms').notNull().default(30_000),
    trustedCertificateSha256: text('trusted_certificate_sha256'),
    /**
     * The client certificate and key this configuration presents to IOM (mutual TLS), encrypted like the
     * password: AES-256-GCM of a JSON `{format, ...}` (PEM certificate + key, or PKCS#12 + passphrase).
     */
    clientCertificateEncrypted: text('client_certificate_encrypted'),
    /** Shown without decrypting: the certificate's subject and when it expires. */
    clientCertificateSubject: text('client_certificate_subject'),
    clientCertificateExpiresAt: timestamp('client_certificate_expires_at', { withTimezone: true }),
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
    uniqueIndex('service_configs_channel_type_live_key')
      .on(t.channelId, t.type)
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex('service_configs_organization_type_live_key')
      .on(t.organizationId, t.type)
      .where(sql`${t.deletedAt} is null`),
    index('service_configs_channel_idx').on(t.channelId),
    check(
      'service_configs_one_owner',
      sql`(${t.channelId} is null) <> (${t.organizationId} is null) and ((${t.organizationId} is null) = (${t.sharingRule} is null))`,
    ),
  ],
);

/** A channel's own switch for an organization configuration it inherits (where the sharing rule allows). */
export const channelServiceActivations = pgTable(
  'channel_service_activations',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    configId: uuid('config_id')
      .notNull()
      .references(() => serviceConfigs.id),
    active: boolean('active').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.configId] })],
);
