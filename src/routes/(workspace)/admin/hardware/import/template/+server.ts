// GET /admin/hardware/import/template: the import's header row, ready to fill in.
import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { templateCsv } from '$lib/server/hardware/csv-columns';

export const GET: RequestHandler = async ({ locals, url }) => {
  requireAdmin(locals, url, 'admin.inventory');
  return new Response(templateCsv(), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="hardware-import-template.csv"',
      'cache-control': 'no-store'
    }
  });
};
