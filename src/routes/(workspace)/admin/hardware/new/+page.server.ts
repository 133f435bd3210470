import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { assetSchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import { createAssetForWorkspace, getHardwareFormOptions } from '$lib/server/hardware/admin-hardware';
import { assetFormValues } from '$lib/server/hardware/asset-form';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  return { options: await getHardwareFormOptions(site.db) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = assetFormValues(await request.formData());
    const parsed = assetSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await createAssetForWorkspace(site.db, actor, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.code === 'invalid' ? result.fields : {} });
    redirect(303, `/admin/hardware/${result.id}?created=1`);
  }
};
