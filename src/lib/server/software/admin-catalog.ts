// Admin › Software › Approved catalog (issue 6, item 4): the products the New request form offers
// (create-request.ts getRequestFormOptions reads `approved = 1`). The database keeps (vendor, name)
// unique (software_products_uq); a clash is reported beside the Name field. Unapproving a product
// hides it from new requests only: licences and past requests that name it are untouched.
import { asc, count, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { licences, softwareProducts } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import type { ProductInput } from '../../contracts/admin-software';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export interface ProductRow {
  id: string;
  name: string;
  vendor: string;
  approved: boolean;
  description: string | null;
  licenceCount: number;
}

export type SoftwareResult =
  | { ok: true; id: string }
  | {
      ok: false;
      code: 'not_found' | 'conflict' | 'invalid';
      message: string;
      fields?: Record<string, string[]>;
    }
  | (Forbidden & { fields?: undefined });

export const DUPLICATE_PRODUCT = 'This vendor already has a product with that name in the catalog.';

function selectProducts(db: TenantDb) {
  return db
    .select({
      id: softwareProducts.id,
      name: softwareProducts.name,
      vendor: softwareProducts.vendor,
      approved: softwareProducts.approved,
      description: softwareProducts.description,
      licenceCount: count(licences.id)
    })
    .from(softwareProducts)
    .leftJoin(licences, eq(licences.productId, softwareProducts.id))
    .$dynamic();
}

export async function listProductsForWorkspace(db: TenantDb): Promise<ProductRow[]> {
  return selectProducts(db)
    .groupBy(softwareProducts.id)
    .orderBy(asc(softwareProducts.name), asc(softwareProducts.vendor));
}

export async function getProductForWorkspace(db: TenantDb, productId: string): Promise<ProductRow | null> {
  const rows = await selectProducts(db)
    .where(eq(softwareProducts.id, productId))
    .groupBy(softwareProducts.id);
  return rows[0] ?? null;
}

const duplicate = (): SoftwareResult => ({
  ok: false,
  code: 'invalid',
  message: 'Some fields need attention.',
  fields: { name: [DUPLICATE_PRODUCT] }
});

export async function createProductForWorkspace(
  db: TenantDb,
  actor: Actor,
  input: ProductInput
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const row = {
    id: crypto.randomUUID(),
    name: input.name,
    vendor: input.vendor,
    approved: input.approved,
    description: input.description ?? null
  };
  try {
    await db.batch([
      db.insert(softwareProducts).values(row),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'software.created',
        entityType: 'software_product',
        entityId: row.id,
        after: row
      })
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return duplicate();
    throw e;
  }
  return { ok: true, id: row.id };
}

export async function updateProductForWorkspace(
  db: TenantDb,
  actor: Actor,
  productId: string,
  input: ProductInput
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const before = await db.select().from(softwareProducts).where(eq(softwareProducts.id, productId)).get();
  if (!before) return { ok: false, code: 'not_found', message: 'No product has that id in this workspace.' };
  const after = {
    name: input.name,
    vendor: input.vendor,
    approved: input.approved,
    description: input.description ?? null
  };
  try {
    await db.batch([
      db.update(softwareProducts).set(after).where(eq(softwareProducts.id, productId)),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'software.updated',
        entityType: 'software_product',
        entityId: productId,
        before,
        after: { id: productId, ...after }
      })
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return duplicate();
    throw e;
  }
  return { ok: true, id: productId };
}
