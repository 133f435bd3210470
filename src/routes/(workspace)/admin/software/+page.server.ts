import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { listProductsForWorkspace } from '$lib/server/software/admin-catalog';
import { listLicencesForWorkspace } from '$lib/server/software/admin-licences';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const [licences, products] = await Promise.all([
    listLicencesForWorkspace(site.db),
    listProductsForWorkspace(site.db)
  ]);
  return { licences, products };
};
