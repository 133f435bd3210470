import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { countUnreadNotificationsForUser } from '$lib/server/notifications/unread';
import { can } from '$lib/server/authz/roles';
import { adminNavSections } from '$lib/nav/portal-nav';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  if (!can(auth.user.role, 'admin.console')) {
    error(403, {
      message: 'The admin console is for administrators. Your own items are in My portal.',
      code: 'forbidden'
    });
  }
  return {
    me: auth.user,
    unreadCount: await countUnreadNotificationsForUser(site.db, auth.user.id),
    sections: adminNavSections()
  };
};
