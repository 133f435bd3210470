// What the workspace owns and lends: locations, hardware, software and licences, the loan pool.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { HARDWARE_STATUSES, LOAN_ITEM_STATUSES } from '../../../contracts/enums';
import { id, createdAt } from './columns';
import { users } from './people';

export const locations = sqliteTable('locations', {
  id: id(),
  name: text('name').notNull().unique(),
  address: text('address')
});

export const hardwareCategories = sqliteTable('hardware_categories', {
  id: id(),
  name: text('name').notNull().unique()
});

export const hardwareModels = sqliteTable(
  'hardware_models',
  {
    id: id(),
    categoryId: text('category_id')
      .notNull()
      .references(() => hardwareCategories.id),
    manufacturer: text('manufacturer').notNull(),
    name: text('name').notNull()
  },
  (t) => [uniqueIndex('hardware_models_uq').on(t.manufacturer, t.name)]
);

export const hardwareAssets = sqliteTable(
  'hardware_assets',
  {
    id: id(),
    assetTag: text('asset_tag').notNull().unique(),
    serial: text('serial'),
    modelId: text('model_id')
      .notNull()
      .references(() => hardwareModels.id),
    locationId: text('location_id').references(() => locations.id),
    status: text('status', { enum: HARDWARE_STATUSES }).notNull().default('in_stock'),
    assignedTo: text('assigned_to').references(() => users.id),
    assignedAt: integer('assigned_at'),
    acknowledgementRequested: integer('acknowledgement_requested', { mode: 'boolean' })
      .notNull()
      .default(false),
    acknowledgedAt: integer('acknowledged_at'),
    purchaseDate: text('purchase_date'),
    purchaseCostCents: integer('purchase_cost_cents'),
    warrantyEnds: text('warranty_ends'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now())
  },
  (t) => [
    index('hardware_assets_assignee_idx').on(t.assignedTo, t.assignedAt),
    uniqueIndex('hardware_assets_serial_uq').on(t.serial)
  ]
);

export const hardwareAssignments = sqliteTable(
  'hardware_assignments',
  {
    id: id(),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: integer('assigned_at').notNull(),
    returnedAt: integer('returned_at'),
    assignedBy: text('assigned_by').references(() => users.id)
  },
  (t) => [index('hardware_assignments_asset_idx').on(t.assetId)]
);

export const softwareProducts = sqliteTable(
  'software_products',
  {
    id: id(),
    name: text('name').notNull(),
    vendor: text('vendor').notNull(),
    // Offered in the New request form's "Software" list when true.
    approved: integer('approved', { mode: 'boolean' }).notNull().default(true),
    description: text('description')
  },
  (t) => [uniqueIndex('software_products_uq').on(t.vendor, t.name)]
);

export const licences = sqliteTable('licences', {
  id: id(),
  productId: text('product_id')
    .notNull()
    .references(() => softwareProducts.id),
  edition: text('edition').notNull(),
  seats: integer('seats').notNull(),
  renewalDate: text('renewal_date'),
  costCents: integer('cost_cents'),
  notes: text('notes'),
  createdAt: createdAt()
});

export const licenceAssignments = sqliteTable(
  'licence_assignments',
  {
    id: id(),
    licenceId: text('licence_id')
      .notNull()
      .references(() => licences.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: integer('assigned_at').notNull()
  },
  (t) => [
    uniqueIndex('licence_assignments_uq').on(t.licenceId, t.userId),
    index('licence_assignments_user_idx').on(t.userId)
  ]
);

export const licenceAssignmentDevices = sqliteTable(
  'licence_assignment_devices',
  {
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => licenceAssignments.id, { onDelete: 'cascade' }),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id)
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.assetId] })]
);

/**
 * Renewal reminders the daily cron has sent (migrations/tenant/0004): one per licence, renewal date
 * and threshold in days. The key makes a second run a no-op and a new renewal date re-arms it.
 */
export const licenceRemindersSent = sqliteTable(
  'licence_reminders_sent',
  {
    licenceId: text('licence_id')
      .notNull()
      .references(() => licences.id, { onDelete: 'cascade' }),
    renewalDate: text('renewal_date').notNull(),
    threshold: integer('threshold').notNull(),
    /** The run that claimed the row; only that run writes the notifications. */
    runId: text('run_id').notNull(),
    sentAt: integer('sent_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.licenceId, t.renewalDate, t.threshold] })]
);

export const loanPoolItems = sqliteTable('loan_pool_items', {
  id: id(),
  name: text('name').notNull(),
  assetTag: text('asset_tag').notNull().unique(),
  categoryId: text('category_id').references(() => hardwareCategories.id),
  description: text('description'),
  status: text('status', { enum: LOAN_ITEM_STATUSES }).notNull().default('available')
});

export const loans = sqliteTable(
  'loans',
  {
    id: id(),
    itemId: text('item_id')
      .notNull()
      .references(() => loanPoolItems.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    lentAt: integer('lent_at').notNull(),
    dueDate: text('due_date').notNull(),
    returnedAt: integer('returned_at'),
    lentBy: text('lent_by').references(() => users.id),
    notes: text('notes')
  },
  (t) => [
    // One open loan per pool item, enforced by the database.
    uniqueIndex('loans_open_item_uq')
      .on(t.itemId)
      .where(sql`returned_at IS NULL`),
    index('loans_user_idx').on(t.userId)
  ]
);
