// /api/v1/admin/requests: the request queue, decisions and the thread with the requester.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import {
  requestDecisionSchema,
  requestMessageSchema,
  requestQueueQuerySchema
} from '../../../src/lib/contracts/admin';
import {
  addMessageForWorkspace,
  decideRequestForWorkspace,
  getRequestForWorkspace,
  listRequestsForWorkspace
} from '../../../src/lib/server/requests/admin-requests';

const notFound = 'No request has that id in this workspace.';
const guard = [requireWorkspace, requireUser, requirePermission('admin.requests')] as const;

export const adminRequestsRoutes = new Hono<ApiEnv>()
  .use('/admin/requests', ...guard)
  .use('/admin/requests/*', ...guard)
  .get('/admin/requests', validate('query', requestQueueQuerySchema), async (c) =>
    c.json(await listRequestsForWorkspace(c.get('db'), c.req.valid('query')))
  )
  .get('/admin/requests/:id', async (c) => {
    const item = await getRequestForWorkspace(c.get('db'), c.req.param('id'));
    return item ? c.json(item) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/admin/requests/:id/decision', validate('json', requestDecisionSchema), async (c) => {
    const result = await decideRequestForWorkspace(
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json')
    );
    if (result.ok) return c.json(result);
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', result.message);
  })
  .post('/admin/requests/:id/messages', validate('json', requestMessageSchema), async (c) => {
    const created = await addMessageForWorkspace(
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json')
    );
    if (created.ok) return c.json({ id: created.id }, 201);
    return created.code === 'forbidden'
      ? apiError(c, 403, 'forbidden', created.message)
      : apiError(c, 404, 'not_found', notFound);
  });
