// Admin › Settings › Security: "Require two-step verification" for the whole workspace.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { actorCan } from '$lib/server/authz/actor';
import { setTwoFactorRequired } from '$lib/server/settings/security';
import { hasSecondFactor, twoFactorFactsForUser } from '$lib/server/auth/two-factor-status';

function requireAdmin(locals: App.Locals, url: URL) {
  const ctx = requireSignedIn(locals, url);
  if (!actorCan(ctx.actor, 'admin.settings'))
    error(403, { message: 'Only administrators can change security settings.', code: 'forbidden' });
  return ctx;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site, actor } = requireAdmin(locals, url);
  const facts = await twoFactorFactsForUser(site.db, actor.userId);
  return { requireTwoFactor: facts.required, adminHasTwoFactor: hasSecondFactor(facts) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url);
    const form = await request.formData();
    const required = form.get('requireTwoFactor') === 'on';
    await setTwoFactorRequired(site.db, actor, required);
    return { saved: true, required };
  }
};
