import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AttemptCause, ExportOutcome, ExportState, HoldReason } from '../../shared/exports.ts';
import { channels } from './channels.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One order to export to IOM, per channel and shop order number (the message identity, the same on every
 * attempt). Written with the intake in one transaction; workers claim due rows with a lease.
 */
export const orderExports = pgTable(
  'order_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    shopOrderNumber: text('shop_order_number').notNull(),
    /** The IOM Order 2.x body as ICM sent it. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical payload: a repeated post with another body is a conflict. */
    payloadHash: text('payload_hash').notNull(),
    state: text('state').$type<ExportState>().notNull(),
    outcome: text('outcome').$type<ExportOutcome>(),
    /** The trigger a held export waits for, and when a scheduled one is released. */
    holdReason: text('hold_reason').$type<HoldReason>(),
    releaseAt: at('release_at'),
    approvedAt: at('approved_at'),
    /** All attempts ever made, and those since the last operator run (what maxAttempts counts). */
    attempts: integer('attempts').notNull().default(0),
    runAttempts: integer('run_attempts').notNull().default(0),
    nextCause: text('next_cause').$type<AttemptCause>().notNull().default('initial'),
    nextAttemptAt: at('next_attempt_at'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: at('lease_expires_at'),
    location: text('location'),
    lastErrorClass: text('last_error_class'),
    lastErrorMessage: text('last_error_message'),
    escalatedAt: at('escalated_at'),
    exportedAt: at('exported_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('order_exports_channel_number_key').on(t.channelId, t.shopOrderNumber),
    index('order_exports_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} in ('pending', 'escalated') and ${t.nextAttemptAt} is not null`),
    index('order_exports_leased_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.state} = 'in_progress'`),
    index('order_exports_waiting_idx')
      .on(t.channelId)
      .where(sql`${t.state} in ('held', 'waiting_for_configuration')`),
    index('order_exports_state_idx').on(t.state, t.outcome),
  ],
);

export interface AttemptRequestLog {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface AttemptResponseLog {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
}

/** Every attempt of an export, in full (secrets redacted), for support and for IOM's transmission logging. */
export const exportAttempts = pgTable(
  'export_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    exportId: uuid('export_id')
      .notNull()
      .references(() => orderExports.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    cause: text('cause').$type<AttemptCause>().notNull(),
    worker: text('worker').notNull(),
    startedAt: at('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    request: jsonb('request').$type<AttemptRequestLog>(),
    response: jsonb('response').$type<AttemptResponseLog>(),
    /** After an ambiguous failure: whether `GET …/orders/{shopOrderNumber}` found the order. */
    lookup: jsonb('lookup').$type<{ url: string; status: number | null; found: boolean; error?: string }>(),
    outcome: text('outcome').$type<ExportOutcome>().notNull(),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    /** IOM's error report entries, when it sent one. */
    iomErrors: jsonb('iom_errors').$type<{ code: string; message: string; value?: unknown }[]>(),
    warning: text('warning'),
    nextAttemptAt: at('next_attempt_at'),
  },
  (t) => [
    uniqueIndex('export_attempts_export_number_key').on(t.exportId, t.number),
    index('export_attempts_started_idx').on(t.startedAt),
  ],
);

/** Running exporters, by heartbeat: for the worker count and to tell who holds a lease. */
export const exportWorkers = pgTable('export_workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: at('started_at').notNull(),
  heartbeatAt: at('heartbeat_at').notNull(),
});
