// Admin pages: signed in AND allowed by the permission matrix. A layout check alone is not enough
// (form actions don't run layout loads), so every admin page load and action calls this. The
// services check the permission again on the actor they are given (authz/actor.ts actorCan); this
// guard is what gives a person the friendly 403 page.
import { error } from '@sveltejs/kit';
import { requireSignedIn } from './require-user';
import { actorCan } from '../authz/actor';
import type { Permission } from '../authz/roles';

export function requireAdmin(locals: App.Locals, url: URL, permission: Permission = 'admin.console') {
  const ctx = requireSignedIn(locals, url);
  if (!actorCan(ctx.actor, permission)) {
    error(403, {
      message: 'The admin console is for administrators. Your own items are in My portal.',
      code: 'forbidden'
    });
  }
  return ctx;
}

/** A service refused the actor (authz/actor.ts FORBIDDEN): the same 403 page as the guard above. */
export function forbidden(): never {
  error(403, {
    message: 'The admin console is for administrators. Your own items are in My portal.',
    code: 'forbidden'
  });
}
