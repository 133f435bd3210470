import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { revokeSession } from '$lib/server/auth/session';
import { clearedSessionCookie } from '$lib/server/auth/cookie';
import { platformEnv } from '$lib/server/http/platform';

// GET shows nothing: signing out is a POST (a link or an image tag must not sign people out).
export const load: PageServerLoad = ({ locals }) => {
  redirect(303, locals.auth ? '/my' : '/login');
};

export const actions: Actions = {
  default: async ({ locals, platform, cookies, url }) => {
    const site = locals.site;
    if (locals.auth && site.kind === 'workspace') {
      await revokeSession(platformEnv({ platform }), site.workspace.slug, site.db, locals.auth.session.id);
    }
    const cleared = clearedSessionCookie(url);
    cookies.delete(cleared.name, cleared.options);
    redirect(303, '/login?signed-out');
  }
};
