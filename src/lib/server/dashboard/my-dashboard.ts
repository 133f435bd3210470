// The My portal Dashboard (seed 000): figures and "needs attention soon", all scoped to one user.
// Every query below has `user_id = :userId` (or assigned_to) in its WHERE clause.
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  hardwareAssets,
  hardwareModels,
  licenceAssignments,
  licences,
  loanPoolItems,
  loans,
  requests,
  softwareProducts,
  users
} from '../db/tenant-schema';
import type { AttentionItem, MyDashboard } from '../../contracts/dashboard';
import { addDays, isoDate } from '../dates';
import { formatIsoDay } from '../../format';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { activeLoansOfUser, hardwareOfUser, licencesOfUser, unreadOfUser } from '../portal/user-counts';

export const RENEWAL_WARNING_DAYS = 30;
export const LOAN_WARNING_DAYS = 7;

// The dashboard's queries (the counts other My pages also show are in portal/user-counts.ts), their
// SQL built once per isolate (db/fixed-query.ts): this page is the most visited one, and building
// its queries from scratch was a fifth of its CPU. Four statements: the figures, then three lists.
const byUser = ['userId'] as const;
// The five figures in one statement (portal/user-counts.ts: one correlated count each).
const figures = fixedQuery(byUser, (db, p) =>
  db
    .select({
      hardware: hardwareOfUser(db),
      licences: licencesOfUser(db),
      pending: db.$count(requests, and(eq(requests.userId, users.id), eq(requests.status, 'pending'))),
      activeLoans: activeLoansOfUser(db),
      unread: unreadOfUser(db)
    })
    .from(users)
    .where(eq(users.id, p.userId))
);
const renewalsSoon = fixedQuery(['userId', 'today', 'horizon'], (db, p) =>
  db
    .select({
      product: softwareProducts.name,
      edition: licences.edition,
      renewalDate: licences.renewalDate
    })
    .from(licenceAssignments)
    .innerJoin(licences, eq(licences.id, licenceAssignments.licenceId))
    .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
    .where(
      and(
        eq(licenceAssignments.userId, p.userId),
        gte(licences.renewalDate, p.today),
        lte(licences.renewalDate, p.horizon)
      )
    )
    .orderBy(asc(licences.renewalDate))
);
const loansDueSoon = fixedQuery(['userId', 'horizon'], (db, p) =>
  db
    .select({ name: loanPoolItems.name, dueDate: loans.dueDate })
    .from(loans)
    .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
    .where(and(eq(loans.userId, p.userId), isNull(loans.returnedAt), lte(loans.dueDate, p.horizon)))
    .orderBy(asc(loans.dueDate))
);
const hardwareToAcknowledge = fixedQuery(byUser, (db, p) =>
  db
    .select({ id: hardwareAssets.id, assetTag: hardwareAssets.assetTag, model: hardwareModels.name })
    .from(hardwareAssets)
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .where(
      and(
        eq(hardwareAssets.assignedTo, p.userId),
        eq(hardwareAssets.acknowledgementRequested, true),
        isNull(hardwareAssets.acknowledgedAt)
      )
    )
    .orderBy(sql`${hardwareAssets.assignedAt} DESC`)
);

export async function getDashboardForUser(
  db: TenantDb,
  userId: string,
  now = Date.now()
): Promise<MyDashboard> {
  const today = isoDate(now);
  const renewalHorizon = addDays(today, RENEWAL_WARNING_DAYS);
  const loanHorizon = addDays(today, LOAN_WARNING_DAYS);

  const user = { userId };
  const [[counts], renewals, dueLoans, unacknowledged] = await runFixedBatch(db, [
    figures.with(user),
    renewalsSoon.with({ userId, today, horizon: renewalHorizon }),
    loansDueSoon.with({ userId, horizon: loanHorizon }),
    hardwareToAcknowledge.with(user)
  ]);

  const attention: AttentionItem[] = [
    ...unacknowledged.map((a) => ({
      kind: 'acknowledge_hardware' as const,
      title: `Confirm you received ${a.model}`,
      detail: `IT asks you to acknowledge ${a.assetTag}.`,
      date: null,
      overdue: false,
      href: `/my/hardware/${a.id}`
    })),
    ...dueLoans.map((l) => ({
      kind: 'loan_due' as const,
      title: `${l.name} is due back`,
      detail:
        l.dueDate < today ? `Overdue since ${formatIsoDay(l.dueDate)}` : `Due ${formatIsoDay(l.dueDate)}`,
      date: l.dueDate,
      overdue: l.dueDate < today,
      href: '/my/loans'
    })),
    ...renewals.map((r) => ({
      kind: 'licence_renewal' as const,
      title: `${r.product} ${r.edition} renews soon`,
      detail: `Renewal date ${formatIsoDay(r.renewalDate)}`,
      date: r.renewalDate,
      overdue: false,
      href: '/my/software'
    }))
  ];

  return {
    hardwareCount: counts?.hardware ?? 0,
    licenceCount: counts?.licences ?? 0,
    pendingRequestCount: counts?.pending ?? 0,
    activeLoanCount: counts?.activeLoans ?? 0,
    unreadNotificationCount: counts?.unread ?? 0,
    attention
  };
}
