import { fail } from '@sveltejs/kit';
import { foundOr404, notFound } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { assetSchema, assignSchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import {
  assignAssetForWorkspace,
  getAssetForWorkspace,
  getHardwareFormOptions,
  unassignAssetForWorkspace,
  updateAssetForWorkspace
} from '$lib/server/hardware/admin-hardware';
import { assetFormValues } from '$lib/server/hardware/asset-form';
import { listActivePeopleForWorkspace } from '$lib/server/people/admin-people';

const MISSING = 'No asset has that id in this workspace';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const [asset, options, people] = await Promise.all([
    getAssetForWorkspace(site.db, params.id),
    getHardwareFormOptions(site.db),
    listActivePeopleForWorkspace(site.db)
  ]);
  return { asset: foundOr404(asset, MISSING), options, people, created: url.searchParams.has('created') };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = assetFormValues(await request.formData());
    const parsed = assetSchema.safeParse(values);
    if (!parsed.success) return fail(400, { save: { values, fields: fieldErrors(parsed.error) } });
    const result = await updateAssetForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { notice: 'Asset saved.' };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(400, { save: { values, fields: result.code === 'invalid' ? result.fields : {} } });
  },
  assign: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const values = {
      userId: String(form.get('userId') ?? ''),
      requestAcknowledgement: String(form.get('requestAcknowledgement') ?? '')
    };
    const parsed = assignSchema.safeParse(values);
    if (!parsed.success) return fail(400, { assign: { fields: fieldErrors(parsed.error) } });
    const result = await assignAssetForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok)
      return {
        notice: parsed.data.requestAcknowledgement
          ? 'Assigned. They’ve been asked to acknowledge receipt.'
          : 'Assigned.'
      };
    if (result.code === 'not_found') notFound(MISSING);
    if (result.code === 'invalid') return fail(400, { assign: { fields: result.fields } });
    return fail(409, { problem: result.message });
  },
  unassign: async ({ locals, url, params }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const result = await unassignAssetForWorkspace(site.db, actor, params.id);
    if (result.ok) return { notice: 'Unassigned. The asset is back in stock.' };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(409, { problem: result.code === 'conflict' ? result.message : '' });
  }
};
