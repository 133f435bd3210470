// /api/v1/admin/maintenance: problem reports (list, detail), status changes and notes.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import {
  maintenanceNoteSchema,
  maintenanceQuerySchema,
  maintenanceStatusSchema
} from '../../../src/lib/contracts/maintenance';
import {
  addMaintenanceNoteForWorkspace,
  changeMaintenanceStatusForWorkspace
} from '../../../src/lib/server/maintenance/admin-maintenance';
import {
  getMaintenanceForWorkspace,
  listMaintenanceForWorkspace
} from '../../../src/lib/server/maintenance/maintenance-list';

const notFound = 'No problem report has that id in this workspace.';
const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

export const adminMaintenanceRoutes = new Hono<ApiEnv>()
  .use('/admin/maintenance', ...guard)
  .use('/admin/maintenance/*', ...guard)
  .get('/admin/maintenance', validate('query', maintenanceQuerySchema), async (c) =>
    c.json(await listMaintenanceForWorkspace(c.get('db'), c.req.valid('query')))
  )
  .get('/admin/maintenance/:id', async (c) => {
    const item = await getMaintenanceForWorkspace(c.get('db'), c.req.param('id'));
    return item ? c.json(item) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/admin/maintenance/:id/status', validate('json', maintenanceStatusSchema), async (c) => {
    const result = await changeMaintenanceStatusForWorkspace(
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json')
    );
    if (result.ok) return c.json(result);
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', result.message);
  })
  .post('/admin/maintenance/:id/notes', validate('json', maintenanceNoteSchema), async (c) => {
    const created = await addMaintenanceNoteForWorkspace(
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json')
    );
    if (created.ok) return c.json({ id: created.id, version: created.version }, 201);
    return created.code === 'forbidden'
      ? apiError(c, 403, 'forbidden', created.message)
      : apiError(c, 404, 'not_found', notFound);
  });
