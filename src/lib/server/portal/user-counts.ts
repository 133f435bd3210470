// Figures about one user that several My pages show (the frame's bell and sidebar, the Dashboard,
// Notifications): one definition each, their SQL built once per isolate (db/fixed-query.ts). Each is
// scoped by `user_id = :userId`.
import { and, count, eq, isNull } from 'drizzle-orm';
import { fixedQuery } from '../db/fixed-query';
import { hardwareAssets, licenceAssignments, loans, notifications } from '../db/tenant-schema';

/** The devices assigned to the user. */
export const assignedHardwareCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(hardwareAssets).where(eq(hardwareAssets.assignedTo, p.userId))
);

/** The licence seats assigned to the user. */
export const assignedLicenceCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(licenceAssignments).where(eq(licenceAssignments.userId, p.userId))
);

/** The user's unread notifications. */
export const unreadNotificationCount = fixedQuery(['userId'], (db, p) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, p.userId), isNull(notifications.readAt)))
);

/** The user's loans not returned yet. */
export const activeLoanCount = fixedQuery(['userId'], (db, p) =>
  db
    .select({ n: count() })
    .from(loans)
    .where(and(eq(loans.userId, p.userId), isNull(loans.returnedAt)))
);
