import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { forbidden, requireAdmin } from '$lib/server/http/require-admin';
import {
  addMessageForWorkspace,
  decideRequestForWorkspace,
  getRequestForWorkspace
} from '$lib/server/requests/admin-requests';
import { requestDecisionSchema, requestMessageSchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import { helpdeskTicketForWorkspace } from '$lib/server/helpdesk/links';

const missing = () => error(404, { message: 'No request has that id in this workspace', code: 'not_found' });

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.requests');
  const request = await getRequestForWorkspace(site.db, params.id);
  if (!request) missing();
  // The help-desk ticket this request is linked to (admins only; the requester's page never shows it).
  return { request: request!, ticket: await helpdeskTicketForWorkspace(site.db, 'request', params.id) };
};

export const actions: Actions = {
  decide: async ({ locals, url, params, request }) => {
    const { actor, site } = requireAdmin(locals, url, 'admin.requests');
    const form = await request.formData();
    const values = { decision: String(form.get('decision') ?? ''), reason: String(form.get('reason') ?? '') };
    const parsed = requestDecisionSchema.safeParse(values);
    if (!parsed.success) return fail(400, { decide: { values, fields: fieldErrors(parsed.error) } });
    const result = await decideRequestForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { decided: result.status };
    if (result.code === 'not_found') missing();
    return fail(409, { conflict: result.code === 'conflict' ? result.message : '' });
  },
  message: async ({ locals, url, params, request }) => {
    const { actor, site } = requireAdmin(locals, url, 'admin.requests');
    const form = await request.formData();
    const values = { body: String(form.get('body') ?? '') };
    const parsed = requestMessageSchema.safeParse(values);
    if (!parsed.success) return fail(400, { message: { values, fields: fieldErrors(parsed.error) } });
    const created = await addMessageForWorkspace(site.db, actor, params.id, parsed.data);
    if (!created.ok) return created.code === 'forbidden' ? forbidden() : missing();
    return { sent: true };
  }
};
