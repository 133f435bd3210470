import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { maintenanceQuerySchema } from '$lib/contracts/maintenance';
import { listMaintenanceForWorkspace } from '$lib/server/maintenance/maintenance-list';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  // Unknown filter values are ignored rather than refused: a stale bookmark still shows the list.
  const parsed = maintenanceQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  return {
    records: await listMaintenanceForWorkspace(site.db, query),
    filters: { status: query.status ?? '', priority: query.priority ?? '', q: query.q ?? '' }
  };
};
