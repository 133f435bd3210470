// Admin › Hardware › Models, Categories, Locations: adding, editing and deleting the lists the asset
// form and the CSV import pick from (reading them: catalog-list.ts). Every change enforces
// 'admin.inventory' on its actor and audits in its own batch. Names are unique (case-insensitively here; the unique indexes on name / manufacturer+name are
// the backstop under a race). A row still in use can't be deleted: the DELETE is conditional on
// NOT EXISTS (…) and the foreign keys refuse it too; the admin is told what still uses it.
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  hardwareAssets,
  hardwareCategories,
  hardwareModels,
  loanPoolItems,
  locations,
  requests
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import type { CatalogKind, CategoryInput, LocationInput, ModelInput } from '../../contracts/admin-hardware';
import { isUniqueViolation } from '../db/constraint-errors';
import { getCatalogItemForWorkspace, type CatalogItem } from './catalog-list';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export type CatalogWriteResult =
  | { ok: true; id: string }
  | { ok: false; code: 'invalid'; fields: Record<string, string[]> }
  | { ok: false; code: 'not_found' | 'conflict'; message: string }
  | Forbidden;

const ENTITY: Record<CatalogKind, string> = {
  models: 'hardware_model',
  categories: 'hardware_category',
  locations: 'location'
};
const NOUN: Record<CatalogKind, string> = { models: 'model', categories: 'category', locations: 'location' };
const DUPLICATE: Record<CatalogKind, Record<string, string[]>> = {
  models: { name: ['This manufacturer already has a model with this name.'] },
  categories: { name: ['A category with this name already exists.'] },
  locations: { name: ['A location with this name already exists.'] }
};
const notFound = (kind: CatalogKind): CatalogWriteResult => ({
  ok: false,
  code: 'not_found',
  message: `No ${NOUN[kind]} has that id in this workspace.`
});
const lower = (col: unknown) => sql`lower(${col})`;

/** A case-insensitive clash with another row (the unique indexes only catch exact duplicates). */
async function clashes(
  db: TenantDb,
  kind: CatalogKind,
  input: Record<string, unknown>,
  exceptId: string | null
): Promise<boolean> {
  const table = kind === 'models' ? hardwareModels : kind === 'categories' ? hardwareCategories : locations;
  const conds: SQL[] = [];
  if (kind === 'models') {
    const m = input as ModelInput;
    conds.push(
      sql`${lower(hardwareModels.manufacturer)} = ${m.manufacturer.toLowerCase()}`,
      sql`${lower(hardwareModels.name)} = ${m.name.toLowerCase()}`
    );
  } else {
    conds.push(sql`${lower(table.name)} = ${String(input.name).toLowerCase()}`);
  }
  if (exceptId) conds.push(ne(table.id, exceptId));
  const hit = await db
    .select({ id: table.id })
    .from(table)
    .where(and(...conds))
    .limit(1);
  return hit.length > 0;
}

async function categoryExists(db: TenantDb, categoryId: string): Promise<boolean> {
  return (
    (
      await db
        .select({ id: hardwareCategories.id })
        .from(hardwareCategories)
        .where(eq(hardwareCategories.id, categoryId))
    ).length > 0
  );
}

function columnsOf(kind: CatalogKind, input: Record<string, unknown>) {
  if (kind === 'models') {
    const m = input as ModelInput;
    return { manufacturer: m.manufacturer, name: m.name, categoryId: m.categoryId };
  }
  if (kind === 'locations') {
    const l = input as LocationInput;
    return { name: l.name, address: l.address ?? null };
  }
  return { name: (input as CategoryInput).name };
}

async function checkInput(
  db: TenantDb,
  kind: CatalogKind,
  input: Record<string, unknown>,
  exceptId: string | null
): Promise<Record<string, string[]> | null> {
  if (kind === 'models' && !(await categoryExists(db, (input as ModelInput).categoryId)))
    return { categoryId: ['Choose a category from the list.'] };
  if (await clashes(db, kind, input, exceptId)) return DUPLICATE[kind];
  return null;
}

export async function createCatalogItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  kind: CatalogKind,
  input: Record<string, unknown>
): Promise<CatalogWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const fields = await checkInput(db, kind, input, null);
  if (fields) return { ok: false, code: 'invalid', fields };
  const id = crypto.randomUUID();
  const row = { id, ...columnsOf(kind, input) };
  const insert =
    kind === 'models'
      ? db.insert(hardwareModels).values(row as typeof hardwareModels.$inferInsert)
      : kind === 'categories'
        ? db.insert(hardwareCategories).values(row as typeof hardwareCategories.$inferInsert)
        : db.insert(locations).values(row as typeof locations.$inferInsert);
  try {
    await db.batch([
      insert,
      auditStatement(db, {
        ...auditActorOf(actor),
        action: `${ENTITY[kind]}.created`,
        entityType: ENTITY[kind],
        entityId: id,
        after: row
      })
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, code: 'invalid', fields: DUPLICATE[kind] };
    throw e;
  }
  return { ok: true, id };
}

export async function updateCatalogItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  kind: CatalogKind,
  id: string,
  input: Record<string, unknown>
): Promise<CatalogWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const before = await getCatalogItemForWorkspace(db, kind, id);
  if (!before) return notFound(kind);
  const fields = await checkInput(db, kind, input, id);
  if (fields) return { ok: false, code: 'invalid', fields };
  const changes = columnsOf(kind, input);
  const update =
    kind === 'models'
      ? db
          .update(hardwareModels)
          .set(changes as Partial<typeof hardwareModels.$inferInsert>)
          .where(eq(hardwareModels.id, id))
      : kind === 'categories'
        ? db
            .update(hardwareCategories)
            .set(changes as Partial<typeof hardwareCategories.$inferInsert>)
            .where(eq(hardwareCategories.id, id))
        : db
            .update(locations)
            .set(changes as Partial<typeof locations.$inferInsert>)
            .where(eq(locations.id, id));
  try {
    await db.batch([
      update,
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: `${ENTITY[kind]}.updated`,
        entityType: ENTITY[kind],
        entityId: id,
        before: before.values,
        after: changes
      })
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, code: 'invalid', fields: DUPLICATE[kind] };
    throw e;
  }
  return { ok: true, id };
}

function inUseMessage(kind: CatalogKind, item: CatalogItem): string {
  const verb = item.inUse === 1 ? 'uses' : 'use';
  if (kind === 'models')
    return `“${item.label}” can’t be deleted: ${item.usage} ${verb} it. Move them to another model first.`;
  if (kind === 'locations')
    return `“${item.label}” can’t be deleted: ${item.usage} ${item.inUse === 1 ? 'is' : 'are'} there. Move them to another location first.`;
  return `“${item.label}” can’t be deleted: ${item.usage} ${verb} it. Move them to another category first.`;
}

/** Deletes a row nothing uses. The DELETE re-checks NOT EXISTS itself, so a row that became used
 *  between the check and the write is kept (and the foreign keys refuse it as the last line). */
export async function deleteCatalogItemForWorkspace(
  db: TenantDb,
  actor: Actor,
  kind: CatalogKind,
  id: string
): Promise<CatalogWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const item = await getCatalogItemForWorkspace(db, kind, id);
  if (!item) return notFound(kind);
  if (item.inUse > 0) return { ok: false, code: 'conflict', message: inUseMessage(kind, item) };
  const del =
    kind === 'models'
      ? db
          .delete(hardwareModels)
          .where(
            and(
              eq(hardwareModels.id, id),
              sql`NOT EXISTS (SELECT 1 FROM ${hardwareAssets} WHERE ${hardwareAssets.modelId} = ${id})`
            )
          )
          .returning({ id: hardwareModels.id })
      : kind === 'locations'
        ? db
            .delete(locations)
            .where(
              and(
                eq(locations.id, id),
                sql`NOT EXISTS (SELECT 1 FROM ${hardwareAssets} WHERE ${hardwareAssets.locationId} = ${id})`
              )
            )
            .returning({ id: locations.id })
        : db
            .delete(hardwareCategories)
            .where(
              and(
                eq(hardwareCategories.id, id),
                sql`NOT EXISTS (SELECT 1 FROM ${hardwareModels} WHERE ${hardwareModels.categoryId} = ${id})`,
                sql`NOT EXISTS (SELECT 1 FROM ${loanPoolItems} WHERE ${loanPoolItems.categoryId} = ${id})`,
                sql`NOT EXISTS (SELECT 1 FROM ${requests} WHERE ${requests.categoryId} = ${id})`
              )
            )
            .returning({ id: hardwareCategories.id });
  let deleted = false;
  try {
    const [res] = await db.batch([
      del,
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: `${ENTITY[kind]}.deleted`,
        entityType: ENTITY[kind],
        entityId: id,
        before: item.values
      })
    ]);
    deleted = res.length === 1;
  } catch (e) {
    if (!String(e).includes('FOREIGN KEY')) throw e;
  }
  if (deleted) return { ok: true, id };
  const now = await getCatalogItemForWorkspace(db, kind, id);
  if (!now) return notFound(kind);
  return {
    ok: false,
    code: 'conflict',
    message:
      now.inUse > 0
        ? inUseMessage(kind, now)
        : `This ${NOUN[kind]} changed while you were looking at it. Reload and try again.`
  };
}
