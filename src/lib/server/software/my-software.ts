// My software (seed 000): the licences assigned to one user, read-only. Scope: licence_assignments.user_id.
import { and, asc, count, eq } from 'drizzle-orm';
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
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import { pageOf } from '../paging';

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

export async function listLicencesForUser(
  db: TenantDb,
  userId: string,
  page = 1,
  now = Date.now()
): Promise<Paged<MyLicence>> {
  const [rows, total, links] = await db.batch([
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
      .where(eq(licenceAssignments.userId, userId))
      .orderBy(asc(softwareProducts.name), asc(licenceAssignments.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(licenceAssignments).where(eq(licenceAssignments.userId, userId)),
    // Linked devices: only the user's own assignments, and only devices still assigned to the user.
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
        and(eq(hardwareAssets.id, licenceAssignmentDevices.assetId), eq(hardwareAssets.assignedTo, userId))
      )
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(licenceAssignments.userId, userId))
      .orderBy(asc(hardwareAssets.assetTag))
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
