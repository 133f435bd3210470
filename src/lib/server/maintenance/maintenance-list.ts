// Admin › Maintenance, read (issue 6 item 7): the list with its filters and search, and one record
// with the moves allowed from its status and the version a change must send back. One database = one
// workspace, so "ForWorkspace" is the whole tenant DB. Changes are in admin-maintenance.ts.
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { containsIgnoringCase } from '../db/like';
import { hardwareAssets, hardwareModels, maintenanceRecords, users } from '../db/tenant-schema';
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import {
  ACTIVE_MAINTENANCE_STATUSES,
  MAINTENANCE_TRANSITIONS,
  type MaintenanceQuery,
  type MaintenanceStatus
} from '../../contracts/maintenance';
import { pageOf } from '../paging';
import { aliased } from '../db/aliased';
import { parseNotes, type MaintenanceNote } from './notes';

export interface MaintenanceRow {
  id: string;
  assetId: string;
  assetTag: string;
  model: string;
  reporter: string;
  description: string;
  priority: string;
  status: MaintenanceStatus;
  createdAt: number;
  updatedAt: number;
}

const rowColumns = {
  id: maintenanceRecords.id,
  assetId: maintenanceRecords.assetId,
  assetTag: hardwareAssets.assetTag,
  model: aliased(hardwareModels.name, 'model_name'),
  reporter: aliased(users.name, 'reporter_name'),
  description: maintenanceRecords.description,
  priority: maintenanceRecords.priority,
  status: maintenanceRecords.status,
  createdAt: maintenanceRecords.createdAt,
  updatedAt: maintenanceRecords.updatedAt
};

/** Open work first (open, in progress), then most urgent, then newest. */
export async function listMaintenanceForWorkspace(
  db: TenantDb,
  q: MaintenanceQuery
): Promise<Paged<MaintenanceRow>> {
  const conds: SQL[] = [];
  if (q.status === 'active') conds.push(inArray(maintenanceRecords.status, ACTIVE_MAINTENANCE_STATUSES));
  else if (q.status) conds.push(eq(maintenanceRecords.status, q.status));
  if (q.priority) conds.push(eq(maintenanceRecords.priority, q.priority));
  if (q.q) conds.push(containsIgnoringCase(hardwareAssets.assetTag, q.q));
  const where = conds.length ? and(...conds) : undefined;
  const page = q.page ?? 1;
  const [rows, total] = await db.batch([
    db
      .select(rowColumns)
      .from(maintenanceRecords)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .innerJoin(users, eq(users.id, maintenanceRecords.reportedBy))
      .where(where)
      .orderBy(
        sql`CASE ${maintenanceRecords.status} WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'resolved' THEN 2 ELSE 3 END`,
        sql`CASE ${maintenanceRecords.priority} WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
        desc(maintenanceRecords.createdAt)
      )
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db
      .select({ n: count() })
      .from(maintenanceRecords)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
      .where(where)
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

export interface MaintenanceDetail extends MaintenanceRow {
  manufacturer: string;
  serial: string | null;
  assetStatus: string;
  reporterId: string;
  reporterEmail: string;
  resolution: string | null;
  resolvedAt: number | null;
  /** The record's version: send it back with a change so a stale page can't overwrite a newer state. */
  version: number;
  allowed: { to: MaintenanceStatus; label: string }[];
  notes: MaintenanceNote[];
}

export async function getMaintenanceForWorkspace(
  db: TenantDb,
  recordId: string
): Promise<MaintenanceDetail | null> {
  const row = await db
    .select({
      ...rowColumns,
      manufacturer: hardwareModels.manufacturer,
      serial: hardwareAssets.serial,
      assetStatus: hardwareAssets.status,
      reporterId: aliased(users.id, 'reporter_id'),
      reporterEmail: users.email,
      resolution: maintenanceRecords.resolution,
      resolvedAt: maintenanceRecords.resolvedAt,
      notes: maintenanceRecords.notes
    })
    .from(maintenanceRecords)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .innerJoin(users, eq(users.id, maintenanceRecords.reportedBy))
    .where(eq(maintenanceRecords.id, recordId))
    .get();
  if (!row) return null;
  return {
    ...row,
    version: row.updatedAt,
    allowed: MAINTENANCE_TRANSITIONS[row.status],
    notes: parseNotes(row.notes, row.createdAt)
  };
}
