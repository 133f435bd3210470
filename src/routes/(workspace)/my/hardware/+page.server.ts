import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { pageParam } from '$lib/server/http/page-param';
import { listHardwareForUser } from '$lib/server/hardware/my-hardware';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return { hardware: await listHardwareForUser(site.db, auth.user.id, pageParam(url)) };
};
