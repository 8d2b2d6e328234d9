import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type {
  AttemptCause,
  ExportEventKind,
  ExportOutcome,
  ExportState,
  HoldReason,
} from '../../shared/exports.ts';
import type { AskReason, AskVerdict } from '../../shared/iomAsk.ts';
import type { IomOrderFingerprint } from '../../shared/iomFingerprint.ts';
import { channels } from './channels.ts';
import { users } from './users.ts';

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
    /** The first code of IOM's error report on the last attempt, for support's filter. */
    lastIomErrorCode: text('last_iom_error_code'),
    lastAttemptAt: at('last_attempt_at'),
    escalatedAt: at('escalated_at'),
    /** Who took an escalation on (acknowledged it), and when. */
    ownerId: uuid('owner_id').references(() => users.id),
    ownerEmail: text('owner_email'),
    acknowledgedAt: at('acknowledged_at'),
    /** A person closed the export without IOM creating it (state `resolved`): who, when and why. */
    resolvedAt: at('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
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
    // /metrics counts the states other than `exported` (and exported duplicates) from this index alone.
    index('order_exports_state_idx').on(t.state, t.outcome),
    // The exports list (server/exports/list.ts): every filter meets an index that also yields the list's keyset
    // order (key, id), so a page reads about as many index entries as it shows. Each index costs the exporter a
    // write per attempt (its updates are not HOT: state and next_attempt_at change), so there is one per filter.
    index('order_exports_created_idx').on(t.createdAt, t.id),
    index('order_exports_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    // State and channel together: support's "failed exports of this channel" is one index range, its count
    // index-only; a state alone walks the time index or sorts the (few) exports of a state that is not `exported`.
    index('order_exports_state_channel_created_idx').on(t.state, t.channelId, t.createdAt, t.id),
    index('order_exports_outcome_created_idx').on(t.outcome, t.createdAt, t.id),
    index('order_exports_iom_error_created_idx')
      .on(t.lastIomErrorCode, t.createdAt, t.id)
      .where(sql`${t.lastIomErrorCode} is not null`),
    // text_pattern_ops: a prefix LIKE uses it whatever the database's collation (a plain index only under "C").
    index('order_exports_number_prefix_idx').using('btree', t.shopOrderNumber.op('text_pattern_ops')),
    index('order_exports_attempts_idx').on(t.attempts, t.id),
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

/** One question to IOM whether it holds the order (`GET …/order-states?shopOrderNumbers=…`), in full. */
export interface AttemptAskLog {
  reason: AskReason;
  request: { method: 'GET'; url: string; headers: Record<string, string> };
  response: AttemptResponseLog | null;
  /** Why no answer came (timeout, connection error). */
  error?: string;
  durationMs: number;
  verdict: AskVerdict;
  /** What IOM holds under the number, on the compared fields (verdicts where it holds one). */
  iom?: IomOrderFingerprint;
  /** What it was compared with: the order as it is sent now. */
  sent?: IomOrderFingerprint;
  /** Why the answer could not be used (`incomplete`, `unusable`, `failed`). */
  problem?: string;
}

/**
 * What IOM was asked during an attempt, and what it said. `url`, `status` and `found` sum up the last question
 * (and are all that attempts logged before questions were kept in full have); `asks` holds each question.
 */
export interface AttemptLookupLog {
  url: string;
  status: number | null;
  found: boolean;
  error?: string;
  verdict?: AskVerdict;
  asks?: AttemptAskLog[];
}

/** Every attempt of an export, in full (secrets redacted), for support and for IOM's transmission logging. */
export const exportAttempts = pgTable(
  'export_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    exportId: uuid('export_id')
      .notNull()
      .references(() => orderExports.id, { onDelete: 'cascade' }),
    /** The export's channel, copied so that figures per channel and hour read the attempts alone. */
    channelId: text('channel_id').notNull(),
    number: integer('number').notNull(),
    cause: text('cause').$type<AttemptCause>().notNull(),
    worker: text('worker').notNull(),
    startedAt: at('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    request: jsonb('request').$type<AttemptRequestLog>(),
    response: jsonb('response').$type<AttemptResponseLog>(),
    /** What IOM was asked about the order during the attempt (order-states), and what it said. */
    lookup: jsonb('lookup').$type<AttemptLookupLog>(),
    outcome: text('outcome').$type<ExportOutcome>().notNull(),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    /** IOM's error report entries, when it sent one. */
    iomErrors: jsonb('iom_errors').$type<{ code: string; message: string; value?: unknown }[]>(),
    warning: text('warning'),
    nextAttemptAt: at('next_attempt_at'),
    /** The export's state after this attempt (null for a lost attempt, whose next attempt tells). */
    stateAfter: text('state_after').$type<ExportState>(),
  },
  (t) => [
    uniqueIndex('export_attempts_export_number_key').on(t.exportId, t.number),
    // The dashboard's figures: per hour, channel and outcome from the index alone; error codes of failures.
    index('export_attempts_started_channel_outcome_idx').on(t.startedAt, t.channelId, t.outcome),
    index('export_attempts_iom_errors_started_idx')
      .on(t.startedAt)
      .where(sql`${t.iomErrors} is not null`),
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

/** The export's timeline besides its attempts: intake events and every action a person took, with notes. */
export const exportEvents = pgTable(
  'export_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    exportId: uuid('export_id')
      .notNull()
      .references(() => orderExports.id, { onDelete: 'cascade' }),
    at: at('at').notNull().defaultNow(),
    kind: text('kind').$type<ExportEventKind>().notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    fromState: text('from_state').$type<ExportState>(),
    toState: text('to_state').$type<ExportState>(),
    /** The note, the resolution's reason, or a sentence about the event. */
    message: text('message'),
    /** Facts of the event (e.g. the bulk job, the owner); never a payload or a secret. */
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('export_events_export_idx').on(t.exportId, t.at)],
);

export type BulkJobState = 'running' | 'cancelling' | 'cancelled' | 'done' | 'failed';

/** A bulk retry by filter: the exports it covers are fixed when it starts (the preview's count). */
export const bulkRetryJobs = pgTable('bulk_retry_jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdById: uuid('created_by_id')
    .notNull()
    .references(() => users.id),
  createdByEmail: text('created_by_email').notNull(),
  /** The list filter as given (an ExportFilter), and the user's channel scope at the time. */
  filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
  state: text('state').$type<BulkJobState>().notNull().default('running'),
  total: integer('total').notNull(),
  processed: integer('processed').notNull().default(0),
  retried: integer('retried').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  /** Why exports were skipped while the job ran (they changed after the preview), counted by reason. */
  skippedReasons: jsonb('skipped_reasons').$type<Record<string, number>>().notNull().default({}),
  error: text('error'),
  leaseOwner: text('lease_owner'),
  leaseExpiresAt: at('lease_expires_at'),
  cancelRequestedAt: at('cancel_requested_at'),
  cancelledBy: text('cancelled_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  finishedAt: at('finished_at'),
});

/** The exports a bulk job covers, in the order it retries them; `done` once handled. */
export const bulkRetryItems = pgTable(
  'bulk_retry_items',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => bulkRetryJobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    exportId: uuid('export_id')
      .notNull()
      .references(() => orderExports.id, { onDelete: 'cascade' }),
    done: boolean('done').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] })],
);
