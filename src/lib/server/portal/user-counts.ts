// Figures about one user that several My pages show (the frame's bell and sidebar, the Dashboard,
// Notifications): one definition each, their SQL built once per isolate (db/fixed-query.ts). Each
// is scoped to the user: `user_id = :userId`, or for the correlated counts `users.id = :userId`.
//
// A page that shows several of them reads them as ONE statement: one scalar subquery per figure,
// each correlated to the user's row (`frameFigures` below; the Dashboard's in
// dashboard/my-dashboard.ts). D1 prepares, runs and answers each statement with its own result and
// metadata, so the frame's two figures and the Dashboard's five cost two statements instead of
// seven. A user without a row has no figures (the callers read 0).
import { and, count, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { fixedQuery } from '../db/fixed-query';
import { hardwareAssets, licenceAssignments, loans, notifications, users } from '../db/tenant-schema';

// Each figure as a count correlated to the outer query's `users.id`, for statements `from(users)`.
export const hardwareOfUser = (db: TenantDb) =>
  db.$count(hardwareAssets, eq(hardwareAssets.assignedTo, users.id));
export const licencesOfUser = (db: TenantDb) =>
  db.$count(licenceAssignments, eq(licenceAssignments.userId, users.id));
export const unreadOfUser = (db: TenantDb) =>
  db.$count(notifications, and(eq(notifications.userId, users.id), isNull(notifications.readAt)));
export const activeLoansOfUser = (db: TenantDb) =>
  db.$count(loans, and(eq(loans.userId, users.id), isNull(loans.returnedAt)));

/** What every My page's frame shows: the bell's unread figure and whether the user has a loan. */
export const frameFigures = fixedQuery(['userId'], (db, p) =>
  db
    .select({ unread: unreadOfUser(db), activeLoans: activeLoansOfUser(db) })
    .from(users)
    .where(eq(users.id, p.userId))
);

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
