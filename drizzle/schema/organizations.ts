import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An ICM sales organization: it holds channels and may share service configurations with them. */
export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** Channels created before organizations existed, or without one, belong here. */
export const DEFAULT_ORGANIZATION_ID = 'default';
