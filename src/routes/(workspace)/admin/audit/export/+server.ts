// GET /admin/audit/export?… : the filtered audit log as CSV (same filters as the page).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { auditQuerySchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import { firstFilterProblem } from '$lib/server/http/list-query';
import { exportAuditCsvForWorkspace } from '$lib/server/audit/admin-audit';

export const GET: RequestHandler = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.audit');
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) error(400, { message: firstFilterProblem(fieldErrors(parsed.error)) });
  const csv = await exportAuditCsvForWorkspace(site.db, parsed.data);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log-${site.workspace.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store'
    }
  });
};
