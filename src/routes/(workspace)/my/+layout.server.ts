import type { LayoutServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { countUnreadNotificationsForUser } from '$lib/server/notifications/unread';
import { can } from '$lib/server/authz/roles';
import { myNavSections } from '$lib/nav/portal-nav';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const unreadCount = await countUnreadNotificationsForUser(site.db, auth.user.id);
  return {
    me: auth.user,
    unreadCount,
    canAdmin: can(auth.user.role, 'admin.console'),
    sections: myNavSections({ hasActiveLoans: false })
  };
};
