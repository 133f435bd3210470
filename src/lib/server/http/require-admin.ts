// Admin pages: signed in AND allowed by the permission matrix. A layout check alone is not enough
// (form actions don't run layout loads), so every admin page load and action calls this.
import { error } from '@sveltejs/kit';
import { requireSignedIn } from './require-user';
import { can, type Permission } from '../authz/roles';

export function requireAdmin(locals: App.Locals, url: URL, permission: Permission = 'admin.console') {
  const ctx = requireSignedIn(locals, url);
  if (!can(ctx.auth.user.role, permission)) {
    error(403, {
      message: 'The admin console is for administrators. Your own items are in My portal.',
      code: 'forbidden'
    });
  }
  return ctx;
}
