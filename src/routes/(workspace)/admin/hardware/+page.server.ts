import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { hardwareQuerySchema } from '$lib/contracts/admin';
import { listHardwareForWorkspace } from '$lib/server/hardware/admin-hardware';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const parsed = hardwareQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  return {
    assets: await listHardwareForWorkspace(site.db, query),
    filters: { q: query.q ?? '', status: query.status ?? '' },
    imported: Number(url.searchParams.get('imported')) || 0
  };
};
