import type { LayoutServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getPortalChromeForUser } from '$lib/server/portal/chrome';
import { can } from '$lib/server/authz/roles';
import { myNavSections } from '$lib/nav/portal-nav';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
  // Pages that change the unread count or loans (mark read, …) invalidate this key.
  depends('app:portal-chrome');
  const { auth, site } = requireSignedIn(locals, url);
  const chrome = await getPortalChromeForUser(site.db, auth.user.id);
  return {
    me: auth.user,
    unreadCount: chrome.unreadCount,
    canAdmin: can(auth.user.role, 'admin.console'),
    sections: myNavSections({ hasActiveLoans: chrome.hasActiveLoans })
  };
};
