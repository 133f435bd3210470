import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { maintenanceQuerySchema } from '$lib/contracts/maintenance';
import { listQueryFrom } from '$lib/server/http/list-query';
import { listMaintenanceForWorkspace } from '$lib/server/maintenance/admin-maintenance';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  // A filter that does not parse is left out (a stale bookmark still shows the list) and reported.
  const { query, fields } = listQueryFrom(maintenanceQuerySchema, url);
  return {
    records: await listMaintenanceForWorkspace(site.db, query),
    filters: { status: query.status ?? '', priority: query.priority ?? '', q: query.q ?? '' },
    // What was typed, kept in the box even when it was refused (fields says why).
    typed: url.searchParams.get('q') ?? '',
    fields
  };
};
