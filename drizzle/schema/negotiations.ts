import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { SequenceComputation } from '../../shared/sequence/compute.ts';
import type { NegotiationState, PartyKind, PartySource } from '../../shared/sequence/workflow.ts';

/**
 * An order-number sequence negotiation: the inputs of every party, the options, the computed start of ICM's
 * sequence and what to deploy. draft → proposed → approved (by another admin) → applied; a later approval
 * supersedes it.
 */
export const sequenceNegotiations = pgTable(
  'sequence_negotiations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A short number people can refer to (#3). */
    number: bigserial('number', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    state: text('state').$type<NegotiationState>().notNull().default('draft'),
    blockSize: bigint('block_size', { mode: 'bigint' }).notNull(),
    blockSizeSource: text('block_size_source').$type<PartySource | 'default'>().notNull(),
    prefix: text('prefix'),
    start: bigint('start', { mode: 'bigint' }).notNull(),
    /** The whole computation: normalised inputs, the formula with its numbers, notes, warnings, outputs. */
    computation: jsonb('computation').$type<SequenceComputation>().notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    /** The negotiation this one was started from to replace it. */
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => sequenceNegotiations.id),
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => sequenceNegotiations.id),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
    proposedBy: text('proposed_by'),
    proposedById: uuid('proposed_by_id'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedById: uuid('approved_by_id'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBy: text('applied_by'),
    /** Where and when it was deployed, in the words of who applied it. */
    appliedNote: text('applied_note'),
  },
  (t) => [
    uniqueIndex('sequence_negotiations_number_key').on(t.number),
    index('sequence_negotiations_state_idx').on(t.state, t.createdAt),
    // At most one negotiation is in force: approving one supersedes the previous in the same transaction.
    uniqueIndex('sequence_negotiations_current_key')
      .on(sql`(true)`)
      .where(sql`${t.state} in ('approved', 'applied')`),
    check(
      'sequence_negotiations_state_check',
      sql`${t.state} in ('draft', 'proposed', 'approved', 'applied', 'superseded')`,
    ),
    check(
      'sequence_negotiations_four_eyes',
      sql`${t.approvedById} is null or ${t.proposedById} is null or ${t.approvedById} <> ${t.proposedById}`,
    ),
  ],
);

/** One party's input: ICM's startsWith, an IOM's (per channel) or another system's largest order number. */
export const sequenceNegotiationParties = pgTable(
  'sequence_negotiation_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    negotiationId: uuid('negotiation_id')
      .notNull()
      .references(() => sequenceNegotiations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').$type<PartyKind>().notNull(),
    name: text('name').notNull(),
    /** The IOM shop's channel, for IOM parties. */
    channelId: text('channel_id'),
    largest: bigint('largest', { mode: 'bigint' }).notNull(),
    /** As it was entered, before leading zeros were dropped. */
    entered: text('entered').notNull(),
    source: text('source').$type<PartySource>().notNull(),
    /** What backs the number: the parsed sequences-info.properties, or IOM's answers. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    enteredBy: text('entered_by').notNull(),
    enteredById: uuid('entered_by_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sequence_negotiation_parties_position_key').on(t.negotiationId, t.position),
    check('sequence_negotiation_parties_kind_check', sql`${t.kind} in ('icm', 'iom', 'other')`),
  ],
);
