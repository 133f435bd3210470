// Devices the agent reports (src/lib/server/devices): the device row, its software and applied reports.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEVICE_STATUSES } from '../../../contracts/enums';
import { id } from './columns';
import { users } from './people';

export const agentDevices = sqliteTable(
  'agent_devices',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    // SHA-256 (hex) of the device credential; the credential itself lives only on the device.
    credentialHash: text('credential_hash').notNull().unique(),
    hostname: text('hostname').notNull(),
    osName: text('os_name').notNull(),
    osVersion: text('os_version'),
    cpu: text('cpu'),
    serial: text('serial'),
    agentVersion: text('agent_version'),
    status: text('status', { enum: DEVICE_STATUSES }).notNull().default('active'),
    enrolledAt: integer('enrolled_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    lastReportAt: integer('last_report_at'),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id)
  },
  (t) => [
    // One live pairing per user, enforced by the database.
    uniqueIndex('agent_devices_active_user_uq')
      .on(t.userId)
      .where(sql`status = 'active'`)
  ]
);

export const agentSoftware = sqliteTable(
  'agent_software',
  {
    deviceId: text('device_id')
      .notNull()
      .references(() => agentDevices.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version').notNull().default(''),
    publisher: text('publisher')
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.name, t.version] })]
);

// Report ids already applied: replaying a report changes nothing.
export const agentReports = sqliteTable('agent_reports', {
  id: text('id').primaryKey(),
  deviceId: text('device_id')
    .notNull()
    .references(() => agentDevices.id, { onDelete: 'cascade' }),
  receivedAt: integer('received_at').notNull()
});
