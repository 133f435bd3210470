import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { hardwareQuerySchema } from '$lib/contracts/admin';
import { listQueryFrom } from '$lib/server/http/list-query';
import { listHardwareForWorkspace } from '$lib/server/hardware/admin-hardware';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const { query, fields } = listQueryFrom(hardwareQuerySchema, url);
  return {
    assets: await listHardwareForWorkspace(site.db, query),
    filters: { q: query.q ?? '', status: query.status ?? '' },
    // What was typed, kept in the box even when it was refused (fields says why).
    typed: url.searchParams.get('q') ?? '',
    fields,
    imported: Number(url.searchParams.get('imported')) || 0
  };
};
