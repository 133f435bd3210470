import { redirect } from '@sveltejs/kit';
import type { ValidatedSession } from '../auth/session';
import type { Site } from '../tenancy/resolve';
import { sessionActorOf, type UserActor } from '../authz/actor';

type WorkspaceSite = Extract<Site, { kind: 'workspace' }>;

/**
 * Page guard: the signed-in user in a workspace, or a redirect to Sign in that comes back here.
 * `actor` is what services take (authz/actor.ts); `auth` keeps the session for session-bound work.
 */
export function requireSignedIn(
  locals: App.Locals,
  url: URL
): { auth: ValidatedSession; site: WorkspaceSite; actor: UserActor } {
  const site = locals.site;
  if (site.kind !== 'workspace' || !locals.auth) {
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { auth: locals.auth, site, actor: sessionActorOf(locals.auth) };
}
