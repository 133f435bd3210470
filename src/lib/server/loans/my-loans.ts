// My loans (seed 000): pool items currently lent to one user. Scope: loans.user_id. No reserve action:
// admins drive the loan flow; the page links to a request for a loaner.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, loanPoolItems, loans } from '../db/tenant-schema';
import { isoDate } from '../dates';
import type { Paged } from '../../contracts/my';
import { pageOf, pageWindow } from '../paging';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { activeLoanCount } from '../portal/user-counts';
import { aliased } from '../db/aliased';

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

// The list and its total (portal/user-counts.ts), their SQL built once per isolate
// (db/fixed-query.ts).
const activeLoanPageOfUser = fixedQuery(['userId', 'limit', 'offset'], (db, p) =>
  db
    .select({
      id: loans.id,
      item: aliased(loanPoolItems.name, 'item_name'),
      assetTag: loanPoolItems.assetTag,
      category: aliased(hardwareCategories.name, 'category_name'),
      lentAt: loans.lentAt,
      dueDate: loans.dueDate,
      notes: loans.notes
    })
    .from(loans)
    .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
    .leftJoin(hardwareCategories, eq(hardwareCategories.id, loanPoolItems.categoryId))
    .where(and(eq(loans.userId, p.userId), isNull(loans.returnedAt)))
    .orderBy(asc(loans.dueDate), asc(loans.id))
    .limit(p.limit)
    .offset(p.offset)
);

/** Items on loan now (not returned), soonest due first. */
export async function listActiveLoansForUser(
  db: TenantDb,
  userId: string,
  page = 1,
  now = Date.now()
): Promise<Paged<MyLoan>> {
  const [rows, total] = await runFixedBatch(db, [
    activeLoanPageOfUser.with({ userId, ...pageWindow(page) }),
    activeLoanCount.with({ userId })
  ]);
  const today = isoDate(now);
  return pageOf(
    rows.map((r) => ({ ...r, overdue: r.dueDate < today })),
    page,
    total[0]?.n ?? 0
  );
}
