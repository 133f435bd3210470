import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { forbidden, requireAdmin } from '$lib/server/http/require-admin';
import {
  addMaintenanceNoteForWorkspace,
  changeMaintenanceStatusForWorkspace
} from '$lib/server/maintenance/admin-maintenance';
import { getMaintenanceForWorkspace } from '$lib/server/maintenance/maintenance-list';
import { maintenanceNoteSchema, maintenanceStatusSchema } from '$lib/contracts/maintenance';
import { fieldErrors } from '$lib/contracts/errors';
import { helpdeskTicketForWorkspace } from '$lib/server/helpdesk/links';

const missing = () =>
  error(404, { message: 'No problem report has that id in this workspace', code: 'not_found' });

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const record = await getMaintenanceForWorkspace(site.db, params.id);
  if (!record) missing();
  return { record: record!, ticket: await helpdeskTicketForWorkspace(site.db, 'maintenance', params.id) };
};

export const actions: Actions = {
  status: async ({ locals, url, params, request }) => {
    const { actor, site } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const values = {
      status: String(form.get('status') ?? ''),
      resolution: String(form.get('resolution') ?? ''),
      version: String(form.get('version') ?? '')
    };
    const parsed = maintenanceStatusSchema.safeParse(values);
    if (!parsed.success) return fail(400, { change: { values, fields: fieldErrors(parsed.error) } });
    const result = await changeMaintenanceStatusForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { changed: result.status };
    if (result.code === 'not_found') missing();
    return fail(409, { conflict: result.code === 'conflict' ? result.message : '' });
  },
  note: async ({ locals, url, params, request }) => {
    const { actor, site } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const values = { body: String(form.get('body') ?? '') };
    const parsed = maintenanceNoteSchema.safeParse(values);
    if (!parsed.success) return fail(400, { note: { values, fields: fieldErrors(parsed.error) } });
    const created = await addMaintenanceNoteForWorkspace(site.db, actor, params.id, parsed.data);
    if (!created.ok) return created.code === 'forbidden' ? forbidden() : missing();
    return { noted: true };
  }
};
