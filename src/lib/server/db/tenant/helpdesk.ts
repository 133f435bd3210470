// Leaving OnTrackio: the outbox and the help-desk sync tables.
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

// The outbox (migrations/tenant/0007_outbox.sql; src/lib/server/outbox): changes waiting to leave
// OnTrackio, written in the same batch as the change. `id` is the delivery order within a key.
export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    orderingKey: text('ordering_key').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at')
  },
  (t) => [
    index('outbox_key_idx').on(t.channel, t.orderingKey, t.status, t.id),
    index('outbox_status_idx').on(t.status, t.nextAttemptAt)
  ]
);

// Help-desk sync (migrations/tenant/0008_helpdesk.sql; src/lib/server/helpdesk). One connection per
// workspace (id = 1); token and webhook secret sealed with auth/secret-box.ts.
export const helpdeskConnection = sqliteTable('helpdesk_connection', {
  id: integer('id').primaryKey(),
  provider: text('provider').notNull(),
  baseUrl: text('base_url').notNull(),
  apiTokenSealed: text('api_token_sealed'),
  queue: text('queue').notNull(),
  referenceField: text('reference_field').notNull(),
  /** JSON: helpdesk/status-map.ts StatusMap. */
  statusMap: text('status_map').notNull(),
  webhookSecretSealed: text('webhook_secret_sealed').notNull(),
  /** The workspace's own address, for the link back on each ticket. */
  publicOrigin: text('public_origin').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  cursor: text('cursor'),
  integrationUser: text('integration_user'),
  lastSyncAt: integer('last_sync_at'),
  lastSyncError: text('last_sync_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export const HELPDESK_ENTITY_TYPES = ['request', 'maintenance'] as const;
export const helpdeskLinks = sqliteTable(
  'helpdesk_links',
  {
    /** The help desk's address: ticket numbers are unique only within one help desk. */
    source: text('source').notNull(),
    entityType: text('entity_type', { enum: HELPDESK_ENTITY_TYPES }).notNull(),
    entityId: text('entity_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    ticketUrl: text('ticket_url').notNull(),
    helpdeskStatus: text('helpdesk_status'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.source, t.entityType, t.entityId] }),
    uniqueIndex('helpdesk_links_ticket_uq').on(t.source, t.ticketId)
  ]
);

export const helpdeskChanges = sqliteTable(
  'helpdesk_changes',
  {
    changeId: text('change_id').primaryKey(),
    origin: text('origin', { enum: ['ours', 'theirs'] }).notNull(),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('helpdesk_changes_created_idx').on(t.createdAt)]
);

export const helpdeskWebhookEvents = sqliteTable(
  'helpdesk_webhook_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: integer('received_at').notNull()
  },
  (t) => [index('helpdesk_webhook_events_received_idx').on(t.receivedAt)]
);

export const helpdeskUnmappedStatuses = sqliteTable('helpdesk_unmapped_statuses', {
  status: text('status').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  seen: integer('seen').notNull().default(1),
  firstSeenAt: integer('first_seen_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull()
});
