import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FieldChange } from '../../shared/schemas/audit.ts';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for the system itself (first start, provisioning, the CLI without a user). */
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    /** The channel the change concerns, for a channel's History tab. */
    channelId: text('channel_id'),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_actor_idx').on(t.actorEmail, t.at),
    index('audit_events_target_idx').on(t.targetType, t.targetId, t.at),
    index('audit_events_channel_idx').on(t.channelId, t.at),
  ],
);
