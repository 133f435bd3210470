// Requests and maintenance: the records people open, their events and messages, and notifications.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { MAINTENANCE_STATUSES, REQUEST_STATUSES, REQUEST_TYPES, URGENCIES } from '../../../contracts/enums';
import { id, createdAt } from './columns';
import { hardwareCategories, hardwareAssets, softwareProducts } from './inventory';
import { users } from './people';

export const requests = sqliteTable(
  'requests',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    title: text('title').notNull(),
    justification: text('justification').notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull(),
    categoryId: text('category_id').references(() => hardwareCategories.id),
    softwareId: text('software_id').references(() => softwareProducts.id),
    specificModel: text('specific_model'),
    estimatedCostCents: integer('estimated_cost_cents'),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('pending'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    externalTicketId: text('external_ticket_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now())
  },
  (t) => [index('requests_user_idx').on(t.userId, t.createdAt), index('requests_status_idx').on(t.status)]
);

export const requestEvents = sqliteTable(
  'request_events',
  {
    id: id(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: REQUEST_STATUSES }),
    toStatus: text('to_status', { enum: REQUEST_STATUSES }).notNull(),
    actorId: text('actor_id').references(() => users.id),
    note: text('note'),
    createdAt: createdAt()
  },
  (t) => [index('request_events_request_idx').on(t.requestId)]
);

export const requestMessages = sqliteTable(
  'request_messages',
  {
    id: id(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    // Null for a reply written in the help desk (migrations/tenant/0008): author_label names the agent.
    authorId: text('author_id').references(() => users.id),
    authorLabel: text('author_label'),
    /** The help desk's change id for a reply that came from there (applied once). */
    externalId: text('external_id'),
    body: text('body').notNull(),
    createdAt: createdAt()
  },
  (t) => [
    index('request_messages_request_idx').on(t.requestId),
    uniqueIndex('request_messages_external_uq').on(t.externalId)
  ]
);

export const maintenanceRecords = sqliteTable(
  'maintenance_records',
  {
    id: id(),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    reportedBy: text('reported_by')
      .notNull()
      .references(() => users.id),
    description: text('description').notNull(),
    priority: text('priority', { enum: URGENCIES }).notNull(),
    status: text('status', { enum: MAINTENANCE_STATUSES }).notNull().default('open'),
    notes: text('notes'),
    resolution: text('resolution'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now()),
    resolvedAt: integer('resolved_at')
  },
  (t) => [index('maintenance_asset_idx').on(t.assetId)]
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    readAt: integer('read_at'),
    createdAt: createdAt()
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)]
);
