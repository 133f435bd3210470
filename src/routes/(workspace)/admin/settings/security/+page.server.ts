// Admin › Settings › Security: "Require two-step verification" for the whole workspace.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { can } from '$lib/server/authz/roles';
import { setTwoFactorRequired } from '$lib/server/settings/security';
import { hasSecondFactor, twoFactorFactsForUser } from '$lib/server/auth/two-factor-status';

function requireAdmin(locals: App.Locals, url: URL) {
  const ctx = requireSignedIn(locals, url);
  if (!can(ctx.auth.user.role, 'admin.console'))
    error(403, { message: 'Only administrators can change security settings.', code: 'forbidden' });
  return ctx;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site, auth } = requireAdmin(locals, url);
  const facts = await twoFactorFactsForUser(site.db, auth.user.id);
  return { requireTwoFactor: facts.required, adminHasTwoFactor: hasSecondFactor(facts) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url);
    const form = await request.formData();
    const required = form.get('requireTwoFactor') === 'on';
    await setTwoFactorRequired(site.db, auth.user.id, required);
    return { saved: true, required };
  }
};
