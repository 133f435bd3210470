import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { productSchema } from '$lib/contracts/admin-software';
import { fieldErrors } from '$lib/contracts/errors';
import { getProductForWorkspace, updateProductForWorkspace } from '$lib/server/software/admin-catalog';
import { productFormValues } from '$lib/server/software/software-form';

const missing = () => error(404, { message: 'No product has that id in this workspace', code: 'not_found' });

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const product = await getProductForWorkspace(site.db, params.id);
  if (!product) missing();
  return { product: product! };
};

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = productFormValues(await request.formData());
    const parsed = productSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await updateProductForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok)
      return {
        notice: parsed.data.approved
          ? 'Product saved.'
          : 'Product saved. It is no longer offered in the New request form.'
      };
    if (result.code === 'not_found') missing();
    return fail(400, { values, fields: result.fields ?? {} });
  }
};
