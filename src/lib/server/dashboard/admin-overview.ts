// The admin dashboard's workspace figures. Admin-only: callers check `can(role, 'admin.console')`.
import { ACTIVE_MAINTENANCE_STATUSES, OPEN_REQUEST_STATUSES } from '../../contracts/enums';
import { and, count, eq, gte, inArray, isNull, lt, lte } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  agentDevices,
  hardwareAssets,
  licences,
  loans,
  maintenanceRecords,
  requests,
  users
} from '../db/tenant-schema';
import { notSeenForAWeek } from '../devices/admin-devices';
import type { AdminOverview } from '../../contracts/dashboard';
import { addDays, isoDate } from '../dates';
import { RENEWAL_WARNING_DAYS } from './my-dashboard';

export async function getAdminOverviewForWorkspace(db: TenantDb, now = Date.now()): Promise<AdminOverview> {
  const today = isoDate(now);
  const [activeUsers, assets, assigned, open, pending, maintenance, overdue, renewals, staleDevices] =
    await db.batch([
      db.select({ n: count() }).from(users).where(eq(users.status, 'active')),
      db.select({ n: count() }).from(hardwareAssets),
      db.select({ n: count() }).from(hardwareAssets).where(eq(hardwareAssets.status, 'assigned')),
      db.select({ n: count() }).from(requests).where(inArray(requests.status, OPEN_REQUEST_STATUSES)),
      db.select({ n: count() }).from(requests).where(eq(requests.status, 'pending')),
      db
        .select({ n: count() })
        .from(maintenanceRecords)
        .where(inArray(maintenanceRecords.status, ACTIVE_MAINTENANCE_STATUSES)),
      db
        .select({ n: count() })
        .from(loans)
        .where(and(isNull(loans.returnedAt), lt(loans.dueDate, today))),
      db
        .select({ n: count() })
        .from(licences)
        .where(
          and(
            gte(licences.renewalDate, today),
            lte(licences.renewalDate, addDays(today, RENEWAL_WARNING_DAYS))
          )
        ),
      db.select({ n: count() }).from(agentDevices).where(notSeenForAWeek(now))
    ]);
  return {
    activeUserCount: activeUsers[0]?.n ?? 0,
    assetCount: assets[0]?.n ?? 0,
    assignedAssetCount: assigned[0]?.n ?? 0,
    openRequestCount: open[0]?.n ?? 0,
    pendingRequestCount: pending[0]?.n ?? 0,
    openMaintenanceCount: maintenance[0]?.n ?? 0,
    overdueLoanCount: overdue[0]?.n ?? 0,
    renewalsDueCount: renewals[0]?.n ?? 0,
    staleDeviceCount: staleDevices[0]?.n ?? 0
  };
}
