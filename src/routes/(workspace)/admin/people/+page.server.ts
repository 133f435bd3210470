import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { peopleQuerySchema } from '$lib/contracts/admin';
import { listPeopleForWorkspace } from '$lib/server/people/admin-people';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.people');
  const parsed = peopleQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  return { people: await listPeopleForWorkspace(site.db, query), q: query.q ?? '' };
};
