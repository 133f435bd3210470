// My loans (seed 000): pool items currently lent to one user. Scope: loans.user_id. No reserve action:
// admins drive the loan flow; the page links to a request for a loaner.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, loanPoolItems, loans } from '../db/tenant-schema';
import { isoDate } from '../dates';

export interface MyLoan {
  id: string;
  item: string;
  assetTag: string;
  category: string | null;
  lentAt: number;
  dueDate: string;
  overdue: boolean;
  notes: string | null;
}

/** Items on loan now (not returned), soonest due first. */
export async function listActiveLoansForUser(db: TenantDb, userId: string, now = Date.now()): Promise<MyLoan[]> {
  const rows = await db
    .select({
      id: loans.id,
      item: loanPoolItems.name,
      assetTag: loanPoolItems.assetTag,
      category: hardwareCategories.name,
      lentAt: loans.lentAt,
      dueDate: loans.dueDate,
      notes: loans.notes
    })
    .from(loans)
    .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
    .leftJoin(hardwareCategories, eq(hardwareCategories.id, loanPoolItems.categoryId))
    .where(and(eq(loans.userId, userId), isNull(loans.returnedAt)))
    .orderBy(asc(loans.dueDate));
  const today = isoDate(now);
  return rows.map((r) => ({ ...r, overdue: r.dueDate < today }));
}
