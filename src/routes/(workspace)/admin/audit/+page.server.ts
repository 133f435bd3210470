import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { auditQuerySchema } from '$lib/contracts/admin';
import { listQueryFrom } from '$lib/server/http/list-query';
import { auditFacetsForWorkspace, listAuditForWorkspace } from '$lib/server/audit/admin-audit';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.audit');
  const raw = Object.fromEntries(url.searchParams);
  const { query, fields } = listQueryFrom(auditQuerySchema, url);
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
    fields,
    exportQuery:
      Object.keys(fields).length === 0
        ? new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()
        : ''
  };
};
