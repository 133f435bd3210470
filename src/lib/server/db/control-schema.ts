// Control-plane schema (DB_CONTROL): the workspace registry. Read on every request before a
// tenant database is chosen, so it holds only what routing and access need.
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

import { WORKSPACE_STATUSES } from '../../contracts/enums';

export { WORKSPACE_STATUSES };
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

export const workspaces = sqliteTable('workspaces', {
  // Lowercase DNS label; also the host's first label (acme.app.ontrackio.com).
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: WORKSPACE_STATUSES }).notNull().default('active'),
  // Name of the Worker binding that holds this workspace's D1 database (e.g. DB_ACME).
  dbBinding: text('db_binding').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export type WorkspaceRow = typeof workspaces.$inferSelect;

// Mail that OnTrackio sends (reset links, welcome mail). In local development and tests the mailer
// writes here instead of sending, and the dev outbox page shows it; production sends through the
// `send_email` binding and keeps only this record (without the body) for the operator.
export const emailOutbox = sqliteTable('email_outbox', {
  id: text('id').primaryKey(),
  workspaceSlug: text('workspace_slug'),
  to: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body'),
  htmlBody: text('html_body'),
  // 'outbox' (kept for developers) or 'sent' (handed to the send_email binding)
  delivery: text('delivery', { enum: ['outbox', 'sent'] }).notNull(),
  createdAt: integer('created_at').notNull()
});
