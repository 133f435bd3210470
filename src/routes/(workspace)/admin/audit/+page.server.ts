import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { auditQuerySchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import { auditFacetsForWorkspace, listAuditForWorkspace } from '$lib/server/audit/admin-audit';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.audit');
  const raw = Object.fromEntries(url.searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : { page: 1 };
  const [log, facets] = await Promise.all([
    listAuditForWorkspace(site.db, query),
    auditFacetsForWorkspace(site.db)
  ]);
  const filters = {
    actor: raw.actor ?? '',
    entity: raw.entity ?? '',
    action: raw.action ?? '',
    from: raw.from ?? '',
    to: raw.to ?? ''
  };
  return {
    log,
    facets,
    filters,
    fields: parsed.success ? {} : fieldErrors(parsed.error),
    exportQuery: parsed.success
      ? new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()
      : ''
  };
};
