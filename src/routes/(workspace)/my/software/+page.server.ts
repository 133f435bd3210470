import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { pageParam } from '$lib/server/http/page-param';
import { listLicencesForUser } from '$lib/server/software/my-software';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return { licences: await listLicencesForUser(site.db, auth.user.id, pageParam(url)) };
};
