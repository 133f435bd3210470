import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getDashboardForUser } from '$lib/server/dashboard/my-dashboard';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return { dashboard: await getDashboardForUser(site.db, auth.user.id) };
};
