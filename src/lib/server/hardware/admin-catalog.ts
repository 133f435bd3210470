// Admin › Hardware › Models, Categories, Locations: the lists the asset form and the CSV import pick
// from. Names are unique (case-insensitively here; the unique indexes on name / manufacturer+name are
// the backstop under a race). A row still in use can't be deleted: the DELETE is conditional on
// NOT EXISTS (…) and the foreign keys refuse it too; the admin is told what still uses it.
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
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
import { aliased } from '../db/aliased';
import type { CatalogKind, CategoryInput, LocationInput, ModelInput } from '../../contracts/admin-hardware';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export interface CatalogItem {
  id: string;
  /** What the row is called in messages and links ("Dell Latitude 7440", "Laptops", "London HQ"). */
  label: string;
  /** The form values (strings), for the edit page. */
  values: Record<string, string>;
  /** Extra columns for the list (Category for a model, Address for a location). */
  detail: string | null;
  /** How many rows use it; deleting is refused while this is above zero. */
  inUse: number;
  usage: string;
}

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
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const lower = (col: unknown) => sql`lower(${col})`;

// Usage counters, as correlated subqueries so one SELECT lists everything. Written with the table
// names spelled out: drizzle renders a column of the outer table unqualified inside sql``, which the
// subquery would then resolve against its own table.
const count = (q: string) => sql<number>`${sql.raw(`(${q})`)}`;
const assetsOfModel = count('SELECT count(*) FROM hardware_assets a WHERE a.model_id = hardware_models.id');
const assetsAtLocation = count('SELECT count(*) FROM hardware_assets a WHERE a.location_id = locations.id');
const modelsInCategory = count(
  'SELECT count(*) FROM hardware_models m WHERE m.category_id = hardware_categories.id'
);
const loanItemsInCategory = count(
  'SELECT count(*) FROM loan_pool_items l WHERE l.category_id = hardware_categories.id'
);
const requestsInCategory = count(
  'SELECT count(*) FROM requests r WHERE r.category_id = hardware_categories.id'
);

function categoryUsage(models: number, loanItems: number, reqs: number): string {
  const parts = [
    models && plural(models, 'model'),
    loanItems && plural(loanItems, 'loan pool item'),
    reqs && plural(reqs, 'request')
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Not used';
}

async function listOrGet(db: TenantDb, kind: CatalogKind, id?: string): Promise<CatalogItem[]> {
  if (kind === 'models') {
    const rows = await db
      .select({
        id: hardwareModels.id,
        manufacturer: hardwareModels.manufacturer,
        name: hardwareModels.name,
        categoryId: hardwareModels.categoryId,
        category: aliased(hardwareCategories.name, 'category_name'),
        n: assetsOfModel
      })
      .from(hardwareModels)
      .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId))
      .where(id ? eq(hardwareModels.id, id) : undefined)
      .orderBy(asc(hardwareModels.manufacturer), asc(hardwareModels.name));
    return rows.map((r) => ({
      id: r.id,
      label: `${r.manufacturer} ${r.name}`,
      values: { manufacturer: r.manufacturer, name: r.name, categoryId: r.categoryId },
      detail: r.category,
      inUse: r.n,
      usage: r.n ? plural(r.n, 'asset') : 'Not used'
    }));
  }
  if (kind === 'locations') {
    const rows = await db
      .select({ id: locations.id, name: locations.name, address: locations.address, n: assetsAtLocation })
      .from(locations)
      .where(id ? eq(locations.id, id) : undefined)
      .orderBy(asc(locations.name));
    return rows.map((r) => ({
      id: r.id,
      label: r.name,
      values: { name: r.name, address: r.address ?? '' },
      detail: r.address,
      inUse: r.n,
      usage: r.n ? plural(r.n, 'asset') : 'Not used'
    }));
  }
  const rows = await db
    .select({
      id: hardwareCategories.id,
      name: hardwareCategories.name,
      models: modelsInCategory,
      loanItems: loanItemsInCategory,
      reqs: requestsInCategory
    })
    .from(hardwareCategories)
    .where(id ? eq(hardwareCategories.id, id) : undefined)
    .orderBy(asc(hardwareCategories.name));
  return rows.map((r) => ({
    id: r.id,
    label: r.name,
    values: { name: r.name },
    detail: null,
    inUse: r.models + r.loanItems + r.reqs,
    usage: categoryUsage(r.models, r.loanItems, r.reqs)
  }));
}

export function listCatalogForWorkspace(db: TenantDb, kind: CatalogKind): Promise<CatalogItem[]> {
  return listOrGet(db, kind);
}

export async function getCatalogItemForWorkspace(
  db: TenantDb,
  kind: CatalogKind,
  id: string
): Promise<CatalogItem | null> {
  return (await listOrGet(db, kind, id))[0] ?? null;
}

/** Categories for the model form's picker. */
export function listCategoryOptionsForWorkspace(db: TenantDb) {
  return db
    .select({ id: hardwareCategories.id, name: hardwareCategories.name })
    .from(hardwareCategories)
    .orderBy(asc(hardwareCategories.name));
}

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
