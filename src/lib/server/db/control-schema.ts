// Control-plane schema (DB_CONTROL): the workspace registry. Read on every request before a
// tenant database is chosen, so it holds only what routing and access need.
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

export const WORKSPACE_STATUSES = ['active', 'suspended'] as const;
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
