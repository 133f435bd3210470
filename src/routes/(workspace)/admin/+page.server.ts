import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getAdminOverviewForWorkspace } from '$lib/server/dashboard/admin-overview';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireSignedIn(locals, url);
  return { overview: await getAdminOverviewForWorkspace(site.db) };
};
