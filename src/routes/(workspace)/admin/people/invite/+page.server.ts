// Admin › People › Invite person: name, email, role, and how they sign in (password link or SSO only).
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { forbidden, requireAdmin } from '$lib/server/http/require-admin';
import { inviteSchema } from '$lib/contracts/admin-people';
import { fieldErrors } from '$lib/contracts/errors';
import { inviteUserForWorkspace } from '$lib/server/people/invitations';
import { listSsoButtons } from '$lib/server/sso/connections';
import { inviteContextFor } from '../invite-context';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.people');
  return { ssoAvailable: (await listSsoButtons(site.db)).length > 0 };
};

export const actions: Actions = {
  default: async (event) => {
    const { site, actor } = requireAdmin(event.locals, event.url, 'admin.people');
    const form = await event.request.formData();
    const values = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      role: String(form.get('role') ?? ''),
      signIn: String(form.get('signIn') ?? '')
    };
    const parsed = inviteSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await inviteUserForWorkspace(inviteContextFor(event, site), site.db, actor, parsed.data);
    if (!result.ok) {
      if (result.code === 'forbidden') forbidden();
      return fail(result.code === 'duplicate' ? 409 : 400, { values, fields: result.fields });
    }
    redirect(
      303,
      `/admin/people?${new URLSearchParams({ invited: parsed.data.email, ...(result.signIn === 'sso' ? { sso: '1' } : {}), ...(result.mailSent ? {} : { unsent: '1' }) })}`
    );
  }
};
