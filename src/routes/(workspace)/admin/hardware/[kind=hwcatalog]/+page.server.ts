import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { CatalogKind } from '$lib/contracts/admin-hardware';
import { requireAdmin } from '$lib/server/http/require-admin';
import {
  createCatalogItemForWorkspace,
  listCatalogForWorkspace,
  listCategoryOptionsForWorkspace
} from '$lib/server/hardware/admin-catalog';
import { catalogFormValues, parseCatalogForm } from '$lib/server/hardware/catalog-form';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const kind = params.kind as CatalogKind;
  const [items, categories] = await Promise.all([
    listCatalogForWorkspace(site.db, kind),
    kind === 'models' ? listCategoryOptionsForWorkspace(site.db) : []
  ]);
  return { kind, items, categories, deleted: url.searchParams.get('deleted') };
};

export const actions: Actions = {
  add: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const kind = params.kind as CatalogKind;
    const values = catalogFormValues(kind, await request.formData());
    const parsed = parseCatalogForm(kind, values);
    if ('fields' in parsed) return fail(400, { values, fields: parsed.fields });
    const result = await createCatalogItemForWorkspace(site.db, actor, kind, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.code === 'invalid' ? result.fields : {} });
    return {
      added: values.manufacturer ? `${values.manufacturer.trim()} ${values.name.trim()}` : values.name.trim()
    };
  }
};
