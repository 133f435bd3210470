import { fail, redirect } from '@sveltejs/kit';
import { foundOr404, notFound } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import type { CatalogKind } from '$lib/contracts/admin-hardware';
import { requireAdmin } from '$lib/server/http/require-admin';
import {
  deleteCatalogItemForWorkspace,
  getCatalogItemForWorkspace,
  listCategoryOptionsForWorkspace,
  updateCatalogItemForWorkspace
} from '$lib/server/hardware/admin-catalog';
import { catalogFormValues, parseCatalogForm } from '$lib/server/hardware/catalog-form';

const MISSING = 'Nothing has that id in this workspace';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const kind = params.kind as CatalogKind;
  const [item, categories] = await Promise.all([
    getCatalogItemForWorkspace(site.db, kind, params.itemId),
    kind === 'models' ? listCategoryOptionsForWorkspace(site.db) : []
  ]);
  return { kind, item: foundOr404(item, MISSING), categories };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const kind = params.kind as CatalogKind;
    const values = catalogFormValues(kind, await request.formData());
    const parsed = parseCatalogForm(kind, values);
    if ('fields' in parsed) return fail(400, { values, fields: parsed.fields });
    const result = await updateCatalogItemForWorkspace(site.db, actor, kind, params.itemId, parsed.data);
    if (result.ok) return { notice: 'Saved.' };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(400, { values, fields: result.code === 'invalid' ? result.fields : {} });
  },
  delete: async ({ locals, url, params }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const kind = params.kind as CatalogKind;
    const item = await getCatalogItemForWorkspace(site.db, kind, params.itemId);
    const result = await deleteCatalogItemForWorkspace(site.db, actor, kind, params.itemId);
    if (result.ok) redirect(303, `/admin/hardware/${kind}?deleted=${encodeURIComponent(item?.label ?? '')}`);
    if (result.code === 'not_found') notFound(MISSING);
    return fail(409, { problem: result.code === 'conflict' ? result.message : '' });
  }
};
