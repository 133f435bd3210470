// /api/v1/admin/maintenance: problem reports (list, detail), status changes and notes.
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerForbiddenOrNotFound, answerServiceRefusal } from '../access/service-failure';
import {
  maintenanceNoteSchema,
  maintenanceQuerySchema,
  maintenanceStatusSchema
} from '../../../src/lib/contracts/maintenance';
import {
  maintenanceChangedSchema,
  maintenanceDetailSchema,
  maintenanceNoteAddedSchema,
  maintenancePageSchema
} from '../../../src/lib/contracts/responses/admin-work';
import {
  addMaintenanceNoteForWorkspace,
  changeMaintenanceStatusForWorkspace
} from '../../../src/lib/server/maintenance/admin-maintenance';
import {
  getMaintenanceForWorkspace,
  listMaintenanceForWorkspace
} from '../../../src/lib/server/maintenance/maintenance-list';

const notFound = 'No problem report has that id in this workspace.';
const access = { tag: 'Admin: maintenance', permission: 'admin.inventory' } as const;

export const adminMaintenanceRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/maintenance',
      scope: 'maintenance:read',
      summary: 'Problem reports',
      request: { query: maintenanceQuerySchema },
      responses: { 200: json('One page of reports, open work first.', maintenancePageSchema) }
    }),
    async (c) => c.json(await listMaintenanceForWorkspace(c.get('db'), c.req.valid('query')), 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/maintenance/{id}',
      scope: 'maintenance:read',
      summary: 'A problem report',
      responses: {
        200: json('The report with its notes and allowed status changes.', maintenanceDetailSchema)
      }
    }),
    async (c) => {
      const item = await getMaintenanceForWorkspace(c.get('db'), c.req.param('id'));
      return item ? c.json(item, 200) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/maintenance/{id}/status',
      scope: 'maintenance:write',
      summary: 'Change a report’s status',
      request: { body: jsonBody(maintenanceStatusSchema) },
      responses: {
        200: json('The new status and version.', maintenanceChangedSchema),
        409: errorJson('`conflict`: the report changed meanwhile, or that change is not allowed now.')
      }
    }),
    async (c) => {
      const result = await changeMaintenanceStatusForWorkspace(
        c.get('db'),
        c.get('actor'),
        c.req.param('id'),
        c.req.valid('json')
      );
      if (result.ok) return c.json(result, 200);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/maintenance/{id}/notes',
      scope: 'maintenance:write',
      summary: 'Add a note',
      request: { body: jsonBody(maintenanceNoteSchema) },
      responses: { 201: json('The note and the report’s new version.', maintenanceNoteAddedSchema) }
    }),
    async (c) => {
      const created = await addMaintenanceNoteForWorkspace(
        c.get('db'),
        c.get('actor'),
        c.req.param('id'),
        c.req.valid('json')
      );
      if (created.ok) return c.json({ id: created.id, version: created.version }, 201);
      return answerForbiddenOrNotFound(c, created, notFound);
    }
  );
