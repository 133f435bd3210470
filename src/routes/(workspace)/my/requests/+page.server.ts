import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { pageParam } from '$lib/server/http/page-param';
import { listRequestsForUser } from '$lib/server/requests/my-requests';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return {
    requests: await listRequestsForUser(site.db, auth.user.id, pageParam(url)),
    created: url.searchParams.get('created')
  };
};
