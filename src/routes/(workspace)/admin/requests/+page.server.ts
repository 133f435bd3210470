import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { requestQueueQuerySchema } from '$lib/contracts/admin';
import { listRequestsForWorkspace } from '$lib/server/requests/admin-requests';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.requests');
  // Unknown filter values are ignored rather than refused: a stale bookmark still shows the queue.
  const parsed = requestQueueQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  return {
    queue: await listRequestsForWorkspace(site.db, query),
    filters: { status: query.status ?? '', type: query.type ?? '', urgency: query.urgency ?? '' }
  };
};
