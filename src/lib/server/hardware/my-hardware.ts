// My hardware (seed 000): the devices assigned to one user. Every query carries
// `assigned_to = :userId`; a device that is not the user's own is indistinguishable from one that
// does not exist (callers answer 404 either way).
import { ACTIVE_MAINTENANCE_STATUSES } from '../../contracts/enums';
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  agentDevices,
  agentSoftware,
  hardwareAssets,
  hardwareCategories,
  hardwareModels,
  licenceAssignmentDevices,
  licenceAssignments,
  licences,
  locations,
  maintenanceRecords,
  softwareProducts,
  users
} from '../db/tenant-schema';
import type { Paged } from '../../contracts/my';
import { pageOf, pageWindow } from '../paging';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { assignedHardwareCount } from '../portal/user-counts';
import { aliased } from '../db/aliased';
import { parseNotes, type MaintenanceNote } from '../maintenance/notes';

export interface MyHardwareSummary {
  id: string;
  assetTag: string;
  model: string;
  manufacturer: string;
  category: string;
  serial: string | null;
  location: string | null;
  assignedAt: number | null;
  acknowledgementRequested: boolean;
  acknowledgedAt: number | null;
}

export interface MyProblemReport {
  id: string;
  description: string;
  priority: string;
  status: string;
  createdAt: number;
}

/** A report on this device as its holder sees it: IT's progress on their own reports included. */
export interface MyProblemReportStatus extends MyProblemReport {
  mine: boolean;
  resolution: string | null;
  resolvedAt: number | null;
  updatedAt: number;
  /** IT's notes, on the user's own reports only (author's name, not their id). */
  notes: Omit<MaintenanceNote, 'by'>[];
}

export interface MyInstalledSoftware {
  name: string;
  version: string | null;
  publisher: string | null;
}

export interface MyHardwareDetail extends MyHardwareSummary {
  warrantyEnds: string | null;
  acknowledgedBy: string | null;
  /** Where the software list comes from: the paired agent's report, or licences linked to the device. */
  softwareSource: 'agent' | 'licences';
  agentLastReportAt: number | null;
  software: MyInstalledSoftware[];
  openProblems: MyProblemReport[];
  /** Open reports on the device plus the user's own reports in any status, newest first (max 20). */
  problemReports: MyProblemReportStatus[];
}

const summaryColumns = {
  id: hardwareAssets.id,
  assetTag: hardwareAssets.assetTag,
  model: aliased(hardwareModels.name, 'model_name'),
  manufacturer: hardwareModels.manufacturer,
  category: aliased(hardwareCategories.name, 'category_name'),
  serial: hardwareAssets.serial,
  location: aliased(locations.name, 'location_name'),
  assignedAt: hardwareAssets.assignedAt,
  acknowledgementRequested: hardwareAssets.acknowledgementRequested,
  acknowledgedAt: hardwareAssets.acknowledgedAt
};

const OPEN_PROBLEM_STATUSES = ACTIVE_MAINTENANCE_STATUSES;

// The list and its total, their SQL built once per isolate (db/fixed-query.ts).
const hardwarePageOfUser = fixedQuery(['userId', 'limit', 'offset'], (db, p) =>
  db
    .select(summaryColumns)
    .from(hardwareAssets)
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId))
    .leftJoin(locations, eq(locations.id, hardwareAssets.locationId))
    .where(eq(hardwareAssets.assignedTo, p.userId))
    .orderBy(desc(hardwareAssets.assignedAt), asc(hardwareAssets.assetTag))
    .limit(p.limit)
    .offset(p.offset)
);
/** Most recently assigned first. */
export async function listHardwareForUser(
  db: TenantDb,
  userId: string,
  page = 1
): Promise<Paged<MyHardwareSummary>> {
  const [rows, total] = await runFixedBatch(db, [
    hardwarePageOfUser.with({ userId, ...pageWindow(page) }),
    assignedHardwareCount.with({ userId })
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

/** The full record of one of the user's own devices, or null (not theirs, or no such device). */
export async function getHardwareForUser(
  db: TenantDb,
  userId: string,
  assetId: string
): Promise<MyHardwareDetail | null> {
  const own = and(eq(hardwareAssets.id, assetId), eq(hardwareAssets.assignedTo, userId));
  const [rows, problems, agent, licensed] = await db.batch([
    db
      .select({
        ...summaryColumns,
        warrantyEnds: hardwareAssets.warrantyEnds,
        acknowledgedBy: aliased(users.name, 'user_name')
      })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId))
      .leftJoin(locations, eq(locations.id, hardwareAssets.locationId))
      .innerJoin(users, eq(users.id, hardwareAssets.assignedTo))
      .where(own),
    // Problem reports on this device, only when the device is the user's own: every open one, and the
    // user's own in any status (so they see IT's progress and resolution where they reported it).
    db
      .select({
        id: maintenanceRecords.id,
        description: maintenanceRecords.description,
        priority: maintenanceRecords.priority,
        status: maintenanceRecords.status,
        createdAt: maintenanceRecords.createdAt,
        updatedAt: maintenanceRecords.updatedAt,
        reportedBy: maintenanceRecords.reportedBy,
        resolution: maintenanceRecords.resolution,
        resolvedAt: maintenanceRecords.resolvedAt,
        notes: maintenanceRecords.notes
      })
      .from(maintenanceRecords)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
      .where(
        and(
          own,
          or(
            inArray(maintenanceRecords.status, OPEN_PROBLEM_STATUSES),
            eq(maintenanceRecords.reportedBy, userId)
          )
        )
      )
      .orderBy(desc(maintenanceRecords.createdAt))
      .limit(20),
    // The user's own active agent on this device (matched by serial number), with what it reported.
    db
      .select({
        lastReportAt: agentDevices.lastReportAt,
        name: agentSoftware.name,
        version: agentSoftware.version,
        publisher: agentSoftware.publisher
      })
      .from(agentDevices)
      .innerJoin(hardwareAssets, and(eq(hardwareAssets.serial, agentDevices.serial), own))
      .leftJoin(agentSoftware, eq(agentSoftware.deviceId, agentDevices.id))
      .where(and(eq(agentDevices.userId, userId), eq(agentDevices.status, 'active')))
      .orderBy(asc(agentSoftware.name)),
    // Otherwise: the user's licences linked to this device.
    db
      .select({ name: softwareProducts.name, edition: licences.edition, vendor: softwareProducts.vendor })
      .from(licenceAssignmentDevices)
      .innerJoin(licenceAssignments, eq(licenceAssignments.id, licenceAssignmentDevices.assignmentId))
      .innerJoin(licences, eq(licences.id, licenceAssignments.licenceId))
      .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, licenceAssignmentDevices.assetId))
      .where(and(own, eq(licenceAssignments.userId, userId)))
      .orderBy(asc(softwareProducts.name))
  ]);
  const row = rows[0];
  if (!row) return null;
  const paired = agent.length > 0;
  return {
    ...row,
    acknowledgedBy: row.acknowledgedAt !== null ? row.acknowledgedBy : null,
    softwareSource: paired ? 'agent' : 'licences',
    agentLastReportAt: paired ? (agent[0]!.lastReportAt ?? null) : null,
    software: paired
      ? agent
          .filter((a) => a.name !== null)
          .map((a) => ({ name: a.name!, version: a.version || null, publisher: a.publisher }))
      : licensed.map((l) => ({ name: `${l.name} ${l.edition}`, version: null, publisher: l.vendor })),
    openProblems: problems
      .filter((p) => (OPEN_PROBLEM_STATUSES as readonly string[]).includes(p.status))
      .map((p) => ({
        id: p.id,
        description: p.description,
        priority: p.priority,
        status: p.status,
        createdAt: p.createdAt
      })),
    problemReports: problems.map(({ reportedBy, notes, ...p }) => {
      const mine = reportedBy === userId;
      return {
        ...p,
        mine,
        resolution: mine ? p.resolution : null,
        resolvedAt: mine ? p.resolvedAt : null,
        notes: mine ? parseNotes(notes, p.createdAt).map(({ by: _by, ...n }) => n) : []
      };
    })
  };
}
