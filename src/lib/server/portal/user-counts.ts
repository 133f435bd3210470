// Figures about one user that several My pages show (the frame's bell and sidebar, the Dashboard,
// Notifications): one definition each, their SQL built once per isolate (db/fixed-query.ts). Each
// is scoped to the user: `user_id = :userId`, or for the correlated counts `users.id = :userId`.
//
// A page that shows several of them reads them as ONE statement: one scalar subquery per figure,
// each correlated to the user's row (`frameFigures` below; the Dashboard's in
// dashboard/my-dashboard.ts). D1 prepares, runs and answers each statement with its own result and
// metadata, so the frame's two figures and the Dashboard's five cost two statements instead of
// seven. A user without a row has no figures (the callers read 0).
import { and, count, eq, isNull, type SQLWrapper } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { fixedQuery } from '../db/fixed-query';
import { hardwareAssets, licenceAssignments, loans, notifications, users } from '../db/tenant-schema';

// Each figure's condition, once, for a user given as `:userId` (the counts below) or as the outer
// query's `users.id` (the correlated counts).
const assignedHardwareOf = (user: SQLWrapper) => eq(hardwareAssets.assignedTo, user);
const assignedLicencesOf = (user: SQLWrapper) => eq(licenceAssignments.userId, user);
const unreadNotificationsOf = (user: SQLWrapper) =>
  and(eq(notifications.userId, user), isNull(notifications.readAt));
const activeLoansOf = (user: SQLWrapper) => and(eq(loans.userId, user), isNull(loans.returnedAt));

// Each figure as a count correlated to the outer query's `users.id`, for statements `from(users)`.
export const hardwareOfUser = (db: TenantDb) => db.$count(hardwareAssets, assignedHardwareOf(users.id));
export const licencesOfUser = (db: TenantDb) => db.$count(licenceAssignments, assignedLicencesOf(users.id));
export const unreadOfUser = (db: TenantDb) => db.$count(notifications, unreadNotificationsOf(users.id));
export const activeLoansOfUser = (db: TenantDb) => db.$count(loans, activeLoansOf(users.id));

/** What every My page's frame shows: the bell's unread figure and whether the user has a loan. */
export const frameFigures = fixedQuery(['userId'], (db, p) =>
  db
    .select({ unread: unreadOfUser(db), activeLoans: activeLoansOfUser(db) })
    .from(users)
    .where(eq(users.id, p.userId))
);

/** The devices assigned to the user. */
export const assignedHardwareCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(hardwareAssets).where(assignedHardwareOf(p.userId))
);

/** The licence seats assigned to the user. */
export const assignedLicenceCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(licenceAssignments).where(assignedLicencesOf(p.userId))
);

/** The user's unread notifications. */
export const unreadNotificationCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(notifications).where(unreadNotificationsOf(p.userId))
);

/** The user's loans not returned yet. */
export const activeLoanCount = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(loans).where(activeLoansOf(p.userId))
);
