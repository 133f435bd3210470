import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { pageParam } from '$lib/server/http/page-param';
import { listActiveLoansForUser } from '$lib/server/loans/my-loans';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return { loans: await listActiveLoansForUser(site.db, auth.user.id, pageParam(url)) };
};
