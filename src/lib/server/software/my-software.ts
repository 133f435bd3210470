// My software (seed 000): the licences assigned to one user, read-only. Scope: licence_assignments.user_id.
import { and, asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  hardwareAssets,
  hardwareModels,
  licenceAssignmentDevices,
  licenceAssignments,
  licences,
  softwareProducts
} from '../db/tenant-schema';
import { addDays, isoDate } from '../dates';
import { RENEWAL_WARNING_DAYS } from '../dashboard/my-dashboard';
import type { Paged } from '../../contracts/my';
import { pageOf, pageWindow } from '../paging';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { assignedLicenceCount } from '../portal/user-counts';

export interface MyLicence {
  id: string;
  application: string;
  edition: string;
  vendor: string;
  renewalDate: string | null;
  /** 'expired' once the renewal date has passed, 'soon' within RENEWAL_WARNING_DAYS, else 'ok'. */
  renewal: 'expired' | 'soon' | 'ok' | 'none';
  assignedAt: number;
  devices: { id: string; assetTag: string; model: string }[];
}

// The list, its total (portal/user-counts.ts) and the devices linked to the user's seats, their SQL
// built once per isolate (db/fixed-query.ts).
const licencePageOfUser = fixedQuery(['userId', 'limit', 'offset'], (db, p) =>
  db
    .select({
      id: licenceAssignments.id,
      application: softwareProducts.name,
      edition: licences.edition,
      vendor: softwareProducts.vendor,
      renewalDate: licences.renewalDate,
      assignedAt: licenceAssignments.assignedAt
    })
    .from(licenceAssignments)
    .innerJoin(licences, eq(licences.id, licenceAssignments.licenceId))
    .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
    .where(eq(licenceAssignments.userId, p.userId))
    .orderBy(asc(softwareProducts.name), asc(licenceAssignments.id))
    .limit(p.limit)
    .offset(p.offset)
);
// Linked devices: only the user's own assignments, and only devices still assigned to the user.
const linkedDevicesOfUser = fixedQuery(['userId'], (db, p) =>
  db
    .select({
      assignmentId: licenceAssignmentDevices.assignmentId,
      id: hardwareAssets.id,
      assetTag: hardwareAssets.assetTag,
      model: hardwareModels.name
    })
    .from(licenceAssignmentDevices)
    .innerJoin(licenceAssignments, eq(licenceAssignments.id, licenceAssignmentDevices.assignmentId))
    .innerJoin(
      hardwareAssets,
      and(eq(hardwareAssets.id, licenceAssignmentDevices.assetId), eq(hardwareAssets.assignedTo, p.userId))
    )
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .where(eq(licenceAssignments.userId, p.userId))
    .orderBy(asc(hardwareAssets.assetTag))
);

export async function listLicencesForUser(
  db: TenantDb,
  userId: string,
  page = 1,
  now = Date.now()
): Promise<Paged<MyLicence>> {
  const [rows, total, links] = await runFixedBatch(db, [
    licencePageOfUser.with({ userId, ...pageWindow(page) }),
    assignedLicenceCount.with({ userId }),
    linkedDevicesOfUser.with({ userId })
  ]);
  const today = isoDate(now);
  const horizon = addDays(today, RENEWAL_WARNING_DAYS);
  const items: MyLicence[] = rows.map((r) => ({
    ...r,
    renewal: !r.renewalDate
      ? 'none'
      : r.renewalDate < today
        ? 'expired'
        : r.renewalDate <= horizon
          ? 'soon'
          : 'ok',
    devices: links.filter((l) => l.assignmentId === r.id).map(({ assignmentId: _a, ...d }) => d)
  }));
  return pageOf(items, page, total[0]?.n ?? 0);
}
