import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import type { ProbeOutcome, ProbeStep } from '../../shared/probe.ts';
import { channels, serviceConfigs } from './channels.ts';

/** Every connectivity test of a saved configuration, for a channel (shared configurations differ by shop). */
export const probeRuns = pgTable(
  'probe_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    configId: uuid('config_id')
      .notNull()
      .references(() => serviceConfigs.id),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    outcome: text('outcome').$type<ProbeOutcome>().notNull(),
    message: text('message').notNull(),
    steps: jsonb('steps').$type<ProbeStep[]>().notNull(),
    totalMs: integer('total_ms').notNull(),
    /** The configuration version that was tested. */
    configVersion: integer('config_version').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    runBy: text('run_by').notNull(),
    /** `manual` from the form or list, `test-all` from a batch. */
    trigger: text('trigger').$type<'manual' | 'test-all'>().notNull(),
    /** The test-all batch this run belongs to; null for a single test. */
    batchId: uuid('batch_id').references(() => probeBatches.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('probe_runs_config_idx').on(t.configId, t.startedAt),
    index('probe_runs_channel_idx').on(t.channelId, t.startedAt),
    index('probe_runs_batch_idx').on(t.batchId, t.startedAt),
  ],
);

/**
 * A "test all" started by a person (a mutation, never a GET): its scope and progress live here so that any
 * instance can report it, and a batch whose instance died is seen as interrupted (no heartbeat).
 */
export const probeBatches = pgTable('probe_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  startedBy: uuid('started_by')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The one channel tested, or null for every channel in the starter's scope. */
  channelId: text('channel_id'),
  total: integer('total').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});
