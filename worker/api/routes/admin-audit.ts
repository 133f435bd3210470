// /api/v1/admin/audit: the filtered audit log (JSON) and /api/v1/admin/audit.csv (CSV export).
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { auditQuerySchema } from '../../../src/lib/contracts/admin';
import { exportAuditCsvForWorkspace, listAuditForWorkspace } from '../../../src/lib/server/audit/admin-audit';

const guard = [requireWorkspace, requireUser, requirePermission('admin.audit')] as const;

export const adminAuditRoutes = new Hono<ApiEnv>()
  .use('/admin/audit', ...guard)
  .use('/admin/audit.csv', ...guard)
  .get('/admin/audit', validate('query', auditQuerySchema), async (c) =>
    c.json(await listAuditForWorkspace(c.get('db'), c.req.valid('query')))
  )
  .get('/admin/audit.csv', validate('query', auditQuerySchema), async (c) => {
    const csv = await exportAuditCsvForWorkspace(c.get('db'), c.req.valid('query'));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="audit-log.csv"');
    return c.body(csv);
  });
