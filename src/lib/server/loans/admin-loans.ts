// Admin › Loan pool (issue 6): pool items with their open loan, lend to a person with a due date, mark
// returned. Invariants live in the database: the partial unique index loans_open_item_uq allows one
// open loan per item, and the item's status flips with a conditional UPDATE in the same batch, so two
// admins lending the same item at once produce exactly one loan. Seed 000: "Admins drive the loan flow."
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, loanPoolItems, loans, users } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { isoDate } from '../dates';
import { formatIsoDay } from '../../format';
import type { LendInput } from '../../contracts/admin';
import { webhookEventStatement } from '../webhooks/events';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';
import { isUniqueViolation } from '../db/constraint-errors';

export interface PoolItemRow {
  id: string;
  name: string;
  assetTag: string;
  category: string | null;
  status: (typeof loanPoolItems.$inferSelect)['status'];
  loan: {
    id: string;
    borrower: string;
    borrowerId: string;
    dueDate: string;
    lentAt: number;
    overdue: boolean;
  } | null;
}

export async function listLoanPoolForWorkspace(db: TenantDb, now = Date.now()): Promise<PoolItemRow[]> {
  const rows = await db
    .select({
      id: loanPoolItems.id,
      name: loanPoolItems.name,
      assetTag: loanPoolItems.assetTag,
      category: hardwareCategories.name,
      status: loanPoolItems.status,
      loanId: loans.id,
      borrower: users.name,
      borrowerId: users.id,
      dueDate: loans.dueDate,
      lentAt: loans.lentAt
    })
    .from(loanPoolItems)
    .leftJoin(hardwareCategories, eq(hardwareCategories.id, loanPoolItems.categoryId))
    .leftJoin(loans, and(eq(loans.itemId, loanPoolItems.id), isNull(loans.returnedAt)))
    .leftJoin(users, eq(users.id, loans.userId))
    .orderBy(asc(loanPoolItems.name), asc(loanPoolItems.assetTag));
  const today = isoDate(now);
  return rows.map(({ loanId, borrower, borrowerId, dueDate, lentAt, ...item }) => ({
    ...item,
    loan:
      loanId && borrower && borrowerId && dueDate && lentAt !== null
        ? { id: loanId, borrower, borrowerId, dueDate, lentAt, overdue: dueDate < today }
        : null
  }));
}

export type LoanResult =
  | { ok: true; id: string }
  | {
      ok: false;
      code: 'not_found' | 'conflict' | 'invalid';
      message: string;
      fields?: Record<string, string[]>;
    }
  | (Forbidden & { fields?: undefined });

export async function lendItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  itemId: string,
  input: LendInput,
  now = Date.now()
): Promise<LoanResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  if (input.dueDate < isoDate(now)) {
    return {
      ok: false,
      code: 'invalid',
      message: 'Some fields need attention.',
      fields: { dueDate: ['The due date can’t be in the past.'] }
    };
  }
  const [item, person] = await db.batch([
    db
      .select({ name: loanPoolItems.name, status: loanPoolItems.status })
      .from(loanPoolItems)
      .where(eq(loanPoolItems.id, itemId)),
    db
      .select({ id: users.id, status: users.status, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, input.userId))
  ]);
  if (!item[0])
    return { ok: false, code: 'not_found', message: 'No pool item has that id in this workspace.' };
  if (!person[0] || person[0].status !== 'active') {
    return {
      ok: false,
      code: 'invalid',
      message: 'Some fields need attention.',
      fields: { userId: ['Choose an active person from the list.'] }
    };
  }
  if (item[0].status !== 'available')
    return { ok: false, code: 'conflict', message: itemRefusal(item[0].status) };
  const id = crypto.randomUUID();
  try {
    const [flipped] = await db.batch([
      // Claim the item first; the loan insert below only happens if this claim matched.
      db
        .update(loanPoolItems)
        .set({ status: 'on_loan' })
        .where(and(eq(loanPoolItems.id, itemId), eq(loanPoolItems.status, 'available')))
        .returning({ id: loanPoolItems.id }),
      db.insert(loans).select(sql`
        SELECT ${id}, ${itemId}, ${input.userId}, ${now}, ${input.dueDate}, NULL, ${personIdOf(actor)}, ${input.notes ?? null} WHERE changes() = 1`),
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: 'loan.lent',
        entityType: 'loan',
        entityId: id,
        after: { itemId, userId: input.userId, dueDate: input.dueDate }
      }),
      notifyUserStatement(
        db,
        input.userId,
        null,
        {
          kind: 'loan_lent',
          title: `IT lent you ${item[0].name}`,
          body: `Please return it by ${formatIsoDay(input.dueDate)}.`,
          link: '/my/loans'
        },
        now,
        true
      ),
      webhookEventStatement(
        db,
        'loan.lent',
        {
          loan: { id, dueDate: input.dueDate },
          item: { id: itemId, name: item[0].name },
          person: { id: input.userId, name: person[0].name, email: person[0].email }
        },
        { now, onlyIf: sql`EXISTS (SELECT 1 FROM loans WHERE id = ${id})` }
      )
    ]);
    if (flipped.length === 1) return { ok: true, id };
  } catch (e) {
    // The partial unique index refused a second open loan for the item: someone else lent it first.
    if (!isUniqueViolation(e, 'loans.item_id')) throw e;
  }
  return {
    ok: false,
    code: 'conflict',
    message: 'This item was lent to someone else while you were looking at it.'
  };
}

function itemRefusal(status: string) {
  return status === 'on_loan'
    ? 'This item is already on loan. Mark it returned first.'
    : 'This item is retired and can’t be lent.';
}

/** Mark returned: closes the open loan and makes the item available again, in one batch. */
export async function returnLoanForWorkspace(
  db: TenantDb,
  actor: Actor,
  loanId: string,
  now = Date.now()
): Promise<LoanResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const loan = await db
    .select({ itemId: loans.itemId, userId: loans.userId, returnedAt: loans.returnedAt })
    .from(loans)
    .where(eq(loans.id, loanId))
    .get();
  if (!loan) return { ok: false, code: 'not_found', message: 'No loan has that id in this workspace.' };
  const [closed] = await db.batch([
    db
      .update(loans)
      .set({ returnedAt: now })
      .where(and(eq(loans.id, loanId), isNull(loans.returnedAt)))
      .returning({ id: loans.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'loan.returned',
      entityType: 'loan',
      entityId: loanId,
      before: { returnedAt: null },
      after: { returnedAt: now }
    }),
    // Free the item only if this call closed the loan (the audit insert just before wrote one row).
    db
      .update(loanPoolItems)
      .set({ status: 'available' })
      .where(and(eq(loanPoolItems.id, loan.itemId), eq(loanPoolItems.status, 'on_loan'), sql`changes() = 1`)),
    webhookEventStatement(
      db,
      'loan.returned',
      { loan: { id: loanId }, item: { id: loan.itemId }, person: { id: loan.userId } },
      { now, onlyIf: sql`EXISTS (SELECT 1 FROM loans WHERE id = ${loanId} AND returned_at = ${now})` }
    )
  ]);
  if (closed.length === 1) return { ok: true, id: loanId };
  return { ok: false, code: 'conflict', message: 'This loan was already marked returned.' };
}
