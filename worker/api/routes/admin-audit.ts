// /api/v1/admin/audit: the filtered audit log (JSON) and /api/v1/admin/audit.csv (CSV export).
import * as z from 'zod';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { auditQuerySchema } from '../../../src/lib/contracts/admin';
import { auditPageSchema } from '../../../src/lib/contracts/responses/admin-work';
import { exportAuditCsvForWorkspace, listAuditForWorkspace } from '../../../src/lib/server/audit/admin-audit';

const access = { tag: 'Admin: audit log', permission: 'admin.audit', scope: 'audit:read' } as const;

export const adminAuditRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/audit',
      summary: 'The audit log',
      request: { query: auditQuerySchema },
      responses: { 200: json('One page of audit entries, newest first.', auditPageSchema) }
    }),
    async (c) => c.json(await listAuditForWorkspace(c.get('db'), c.req.valid('query')), 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/audit.csv',
      summary: 'Export the audit log as CSV',
      request: { query: auditQuerySchema },
      responses: {
        200: {
          description: 'The filtered log as a CSV file.',
          content: { 'text/csv': { schema: z.string() } }
        }
      }
    }),
    async (c) => {
      const csv = await exportAuditCsvForWorkspace(c.get('db'), c.req.valid('query'));
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="audit-log.csv"');
      return c.body(csv);
    }
  );
