import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { poolItemSchema } from '$lib/contracts/admin-loan-items';
import { fieldErrors } from '$lib/contracts/errors';
import { createPoolItemForWorkspace, listPoolItemCategoriesForWorkspace } from '$lib/server/loans/pool-items';
import { poolItemFormValues } from '$lib/server/loans/pool-item-form';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  return { categories: await listPoolItemCategoriesForWorkspace(site.db) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = poolItemFormValues(await request.formData());
    const parsed = poolItemSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await createPoolItemForWorkspace(site.db, actor, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.fields ?? {} });
    redirect(303, `/admin/loans?added=${encodeURIComponent(parsed.data.assetTag)}`);
  }
};
