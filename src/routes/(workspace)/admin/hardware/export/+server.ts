// GET /admin/hardware/export?q=&status= : the assets the list's filters select, as CSV (import columns).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { hardwareQuerySchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import { firstFilterProblem } from '$lib/server/http/list-query';
import { exportHardwareCsvForWorkspace, hardwareExportFilename } from '$lib/server/hardware/csv-export';

export const GET: RequestHandler = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const parsed = hardwareQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) error(400, { message: firstFilterProblem(fieldErrors(parsed.error)) });
  const csv = await exportHardwareCsvForWorkspace(site.db, parsed.data);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${hardwareExportFilename(site.workspace.slug)}"`,
      'cache-control': 'no-store'
    }
  });
};
