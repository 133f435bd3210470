// Admin › Hardware › Models, Categories, Locations, read: each list with what uses every row (so the
// page can say why a row can't be deleted), one row for its edit page, the category picker.
import { asc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, hardwareModels, locations } from '../db/tenant-schema';
import { aliased } from '../db/aliased';
import type { CatalogKind } from '../../contracts/admin-hardware';

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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
