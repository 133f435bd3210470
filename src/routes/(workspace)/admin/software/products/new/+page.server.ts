import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { productSchema } from '$lib/contracts/admin-software';
import { fieldErrors } from '$lib/contracts/errors';
import { createProductForWorkspace } from '$lib/server/software/admin-catalog';
import { productFormValues } from '$lib/server/software/software-form';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals, url, 'admin.inventory');
  return {};
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = productFormValues(await request.formData());
    const parsed = productSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await createProductForWorkspace(site.db, actor, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.fields ?? {} });
    redirect(303, `/admin/software?added=${encodeURIComponent(parsed.data.name)}`);
  }
};
