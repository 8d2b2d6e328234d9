import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    index('probe_runs_config_idx').on(t.configId, t.startedAt),
    index('probe_runs_channel_idx').on(t.channelId, t.startedAt),
  ],
);
