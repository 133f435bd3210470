// Outgoing webhooks.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './columns';
import { users } from './people';

// Outgoing webhooks (migrations/tenant/0010_webhooks.sql, src/lib/server/webhooks). Secrets are sealed
// with auth/secret-box.ts (owner `webhook:<id>`); event_types is a JSON text array.
export const WEBHOOK_ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export const WEBHOOK_DISABLED_REASONS = ['admin', 'failing', 'gone'] as const;
export const WEBHOOK_MESSAGE_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;

export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: id(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  previousSecretSealed: text('previous_secret_sealed'),
  previousSecretExpiresAt: integer('previous_secret_expires_at'),
  status: text('status', { enum: WEBHOOK_ENDPOINT_STATUSES }).notNull().default('enabled'),
  disabledReason: text('disabled_reason', { enum: WEBHOOK_DISABLED_REASONS }),
  disabledAt: integer('disabled_at'),
  createdAt: createdAt(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: integer('updated_at')
    .notNull()
    .$defaultFn(() => Date.now())
});

/** The delivery log: one row per event and endpoint; `event_id` is the `webhook-id` header. */
export const webhookMessages = sqliteTable(
  'webhook_messages',
  {
    id: id(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: WEBHOOK_MESSAGE_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: integer('last_attempt_at'),
    lastResponseStatus: integer('last_response_status'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    uniqueIndex('webhook_messages_event_endpoint_unique').on(t.eventId, t.endpointId),
    index('webhook_messages_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_messages_created_idx').on(t.createdAt)
  ]
);

export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    attemptedAt: integer('attempted_at').notNull(),
    durationMs: integer('duration_ms'),
    responseStatus: integer('response_status'),
    /** The first 2 KB of the receiver's answer (admins only). */
    responseBody: text('response_body'),
    error: text('error')
  },
  (t) => [index('webhook_attempts_message_idx').on(t.messageId, t.id)]
);

/** Daily events fire once per subject: the key is claimed in the same batch as the outbox row. */
export const webhookEventOnce = sqliteTable('webhook_event_once', {
  key: text('key').primaryKey(),
  createdAt: integer('created_at').notNull()
});
