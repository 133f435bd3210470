// The audit log (src/lib/server/audit).
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

// Append-only: the application never updates or deletes rows (a trigger refuses it).
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    ipAddress: text('ip_address'),
    createdAt: createdAt(),
    /** Who acted when no person's session did: a token's name, "Provisioning", "Help desk" (0005). */
    actorLabel: text('actor_label')
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_created_idx').on(t.createdAt)
  ]
);
