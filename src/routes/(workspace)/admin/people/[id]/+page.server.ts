import { fail, redirect } from '@sveltejs/kit';
import { foundOr404, notFound } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import {
  getPersonForWorkspace,
  resetTwoFactorForWorkspace,
  setPersonStatusForWorkspace
} from '$lib/server/people/admin-people';
import { changeRoleForWorkspace } from '$lib/server/people/admin-roles';
import { roleChangeSchema } from '$lib/contracts/admin-people';
import { fieldErrors } from '$lib/contracts/errors';
import { platformEnv } from '$lib/server/http/platform';

const MISSING = 'No person has that id in this workspace';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site, actor } = requireAdmin(locals, url, 'admin.people');
  const person = await getPersonForWorkspace(site.db, params.id);
  return { person: foundOr404(person, MISSING), isMe: actor.userId === params.id };
};

function statusAction(status: 'active' | 'suspended') {
  return async ({ locals, url, params, platform }: RequestEvent) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.people');
    const result = await setPersonStatusForWorkspace(
      platformEnv({ platform }),
      site.workspace.slug,
      site.db,
      actor,
      params.id,
      status
    );
    if (result.ok)
      return {
        notice:
          status === 'suspended'
            ? 'Account suspended. Their sessions have ended.'
            : 'Account reactivated. They can sign in again.'
      };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(409, { problem: result.message });
  };
}

export const actions: Actions = {
  role: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.people');
    const form = await request.formData();
    const parsed = roleChangeSchema.safeParse({ role: String(form.get('role') ?? '') });
    if (!parsed.success) return fail(400, { roleFields: fieldErrors(parsed.error) });
    const result = await changeRoleForWorkspace(site.db, actor, params.id, parsed.data.role);
    if (!result.ok) {
      if (result.code === 'not_found') notFound(MISSING);
      return fail(409, { roleFields: { role: [result.message] } });
    }
    // An admin who gave up their own admin role can't see this page any more: go to My view.
    if (params.id === actor.userId && result.role !== 'admin') redirect(303, '/my');
    return { notice: 'Role changed. It applies from their next page load.' };
  },
  suspend: statusAction('suspended'),
  reactivate: statusAction('active'),
  resetTwoFactor: async ({ locals, url, params }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.people');
    const result = await resetTwoFactorForWorkspace(site.db, actor, params.id);
    if (!result.ok) notFound(MISSING);
    return {
      notice:
        'Two-step verification reset. Their authenticator app, passkeys and recovery codes were removed.'
    };
  }
};
