import { fail } from '@sveltejs/kit';
import { foundOr404, notFound } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { poolItemSchema } from '$lib/contracts/admin-loan-items';
import { fieldErrors } from '$lib/contracts/errors';
import {
  getPoolItemForWorkspace,
  listPoolItemCategoriesForWorkspace,
  setPoolItemRetiredForWorkspace,
  updatePoolItemForWorkspace
} from '$lib/server/loans/pool-items';
import { poolItemFormValues } from '$lib/server/loans/pool-item-form';

const MISSING = 'No pool item has that id in this workspace.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const [item, categories] = await Promise.all([
    getPoolItemForWorkspace(site.db, params.id),
    listPoolItemCategoriesForWorkspace(site.db)
  ]);
  return { item: foundOr404(item, MISSING), categories };
};

async function setRetired(locals: App.Locals, url: URL, id: string, retire: boolean) {
  const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
  const result = await setPoolItemRetiredForWorkspace(site.db, actor, id, retire);
  if (result.ok)
    return {
      notice: retire
        ? 'Retired. It no longer appears as available to lend.'
        : 'Back in the pool and available to lend.'
    };
  if (result.code === 'not_found') notFound(MISSING);
  return fail(409, { problem: result.message });
}

export const actions: Actions = {
  save: async ({ locals, url, request, params }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = poolItemFormValues(await request.formData());
    const parsed = poolItemSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await updatePoolItemForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { notice: 'Saved.' };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(400, { values, fields: result.fields ?? {} });
  },
  retire: ({ locals, url, params }) => setRetired(locals, url, params.id, true),
  reinstate: ({ locals, url, params }) => setRetired(locals, url, params.id, false)
};
