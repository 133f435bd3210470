// Admin › Loan pool: the pool items themselves (add, edit, retire, put back). Lending lives in
// admin-loans.ts. Invariants: asset tags are unique in the database (loan_pool_items.asset_tag UNIQUE);
// an item on loan can't be retired (conditional UPDATE ... WHERE status = 'available'), and a retired
// item comes back only as 'available'. Every change writes an audit row in the same batch.
import { and, asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, loanPoolItems } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import type { PoolItemInput } from '../../contracts/admin-loan-items';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export const POOL_TAG_TAKEN = 'Another pool item already has this asset tag.';

export interface PoolItemDetail {
  id: string;
  name: string;
  assetTag: string;
  categoryId: string | null;
  description: string | null;
  status: (typeof loanPoolItems.$inferSelect)['status'];
}

export type PoolItemResult =
  | { ok: true; id: string }
  | {
      ok: false;
      code: 'not_found' | 'conflict' | 'invalid';
      message: string;
      fields?: Record<string, string[]>;
    }
  | (Forbidden & { fields?: undefined });

const NOT_FOUND: PoolItemResult = {
  ok: false,
  code: 'not_found',
  message: 'No pool item has that id in this workspace.'
};

export async function listPoolItemCategoriesForWorkspace(
  db: TenantDb
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: hardwareCategories.id, name: hardwareCategories.name })
    .from(hardwareCategories)
    .orderBy(asc(hardwareCategories.name));
}

export async function getPoolItemForWorkspace(db: TenantDb, itemId: string): Promise<PoolItemDetail | null> {
  const row = await db
    .select({
      id: loanPoolItems.id,
      name: loanPoolItems.name,
      assetTag: loanPoolItems.assetTag,
      categoryId: loanPoolItems.categoryId,
      description: loanPoolItems.description,
      status: loanPoolItems.status
    })
    .from(loanPoolItems)
    .where(eq(loanPoolItems.id, itemId))
    .get();
  return row ?? null;
}

async function invalidCategory(db: TenantDb, categoryId: string | undefined): Promise<PoolItemResult | null> {
  if (!categoryId) return null;
  const found = await db
    .select({ id: hardwareCategories.id })
    .from(hardwareCategories)
    .where(eq(hardwareCategories.id, categoryId))
    .get();
  return found
    ? null
    : {
        ok: false,
        code: 'invalid',
        message: 'Some fields need attention.',
        fields: { categoryId: ['Choose a category from the list.'] }
      };
}

/** The unique index on asset_tag is the guard; its refusal becomes an error beside the field. */
function tagTaken(e: unknown): PoolItemResult | null {
  if (!isUniqueViolation(e, 'asset_tag')) return null;
  return {
    ok: false,
    code: 'invalid',
    message: 'Some fields need attention.',
    fields: { assetTag: [POOL_TAG_TAKEN] }
  };
}

function columns(input: PoolItemInput) {
  return {
    name: input.name,
    assetTag: input.assetTag,
    categoryId: input.categoryId ?? null,
    description: input.description ?? null
  };
}

export async function createPoolItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  input: PoolItemInput
): Promise<PoolItemResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const bad = await invalidCategory(db, input.categoryId);
  if (bad) return bad;
  const id = crypto.randomUUID();
  try {
    await db.batch([
      db.insert(loanPoolItems).values({ id, ...columns(input), status: 'available' }),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'loan_item.created',
        entityType: 'loan_item',
        entityId: id,
        after: columns(input)
      })
    ]);
  } catch (e) {
    const taken = tagTaken(e);
    if (taken) return taken;
    throw e;
  }
  return { ok: true, id };
}

export async function updatePoolItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  itemId: string,
  input: PoolItemInput
): Promise<PoolItemResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const before = await getPoolItemForWorkspace(db, itemId);
  if (!before) return NOT_FOUND;
  const bad = await invalidCategory(db, input.categoryId);
  if (bad) return bad;
  const after = columns(input);
  try {
    await db.batch([
      db.update(loanPoolItems).set(after).where(eq(loanPoolItems.id, itemId)),
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: 'loan_item.updated',
        entityType: 'loan_item',
        entityId: itemId,
        before: {
          name: before.name,
          assetTag: before.assetTag,
          categoryId: before.categoryId,
          description: before.description
        },
        after
      })
    ]);
  } catch (e) {
    const taken = tagTaken(e);
    if (taken) return taken;
    throw e;
  }
  return { ok: true, id: itemId };
}

/** Retire (take out of the pool) or put back. Only an available item can be retired. */
export async function setPoolItemRetiredForWorkspace(
  db: TenantDb,
  actor: Actor,
  itemId: string,
  retire: boolean
): Promise<PoolItemResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const from = retire ? 'available' : 'retired';
  const to = retire ? 'retired' : 'available';
  const [changed] = await db.batch([
    db
      .update(loanPoolItems)
      .set({ status: to })
      .where(and(eq(loanPoolItems.id, itemId), eq(loanPoolItems.status, from)))
      .returning({ id: loanPoolItems.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: retire ? 'loan_item.retired' : 'loan_item.reinstated',
      entityType: 'loan_item',
      entityId: itemId,
      before: { status: from },
      after: { status: to }
    })
  ]);
  if (changed.length === 1) return { ok: true, id: itemId };
  const now = await getPoolItemForWorkspace(db, itemId);
  if (!now) return NOT_FOUND;
  if (now.status === 'on_loan')
    return {
      ok: false,
      code: 'conflict',
      message: 'This item is on loan. Mark it returned before retiring it.'
    };
  return {
    ok: false,
    code: 'conflict',
    message: retire ? 'This item is already retired.' : 'This item is already in the pool.'
  };
}
