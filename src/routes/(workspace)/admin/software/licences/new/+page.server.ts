import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { licenceSchema } from '$lib/contracts/admin-software';
import { fieldErrors } from '$lib/contracts/errors';
import { createLicenceForWorkspace, getLicenceFormOptions } from '$lib/server/software/admin-licences';
import { licenceFormValues } from '$lib/server/software/software-form';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  return { options: await getLicenceFormOptions(site.db), productId: url.searchParams.get('product') ?? '' };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = licenceFormValues(await request.formData());
    const parsed = licenceSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await createLicenceForWorkspace(site.db, actor, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.fields ?? {} });
    redirect(303, `/admin/software/licences/${result.id}?created=1`);
  }
};
