// /api/v1/my/requests: raise, follow, message and cancel the user's own requests.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { validate } from '../validate';
import { apiError } from '../errors';
import { newRequestSchema, pageQuerySchema, requestMessageSchema } from '../../../src/lib/contracts/my';
import {
  addMessageForUser,
  cancelRequestForUser,
  createRequestForUser,
  getRequestForUser,
  getRequestFormOptions,
  listRequestsForUser
} from '../../../src/lib/server/requests/my-requests';
import { cancelRefusal } from '../../../src/lib/server/requests/messages';

const notFound = 'No request of yours has that id.';

export const myRequestsRoutes = new Hono<ApiEnv>()
  .use('/my/requests', requireWorkspace, requireUser)
  .use('/my/requests/*', requireWorkspace, requireUser)
  .get('/my/requests', validate('query', pageQuerySchema), async (c) =>
    c.json(await listRequestsForUser(c.get('db'), c.get('auth')!.user.id, c.req.valid('query').page))
  )
  .get('/my/requests/options', async (c) => c.json(await getRequestFormOptions(c.get('db'))))
  .post('/my/requests', validate('json', newRequestSchema), async (c) => {
    const result = await createRequestForUser(c.get('db'), c.get('auth')!.user, c.req.valid('json'));
    if (!result.ok)
      return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
    const created = await getRequestForUser(c.get('db'), c.get('auth')!.user.id, result.id);
    return c.json(created, 201);
  })
  .get('/my/requests/:id', async (c) => {
    const item = await getRequestForUser(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    return item ? c.json(item) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/my/requests/:id/messages', validate('json', requestMessageSchema), async (c) => {
    const created = await addMessageForUser(
      c.get('db'),
      c.get('auth')!.user,
      c.req.param('id'),
      c.req.valid('json')
    );
    return created ? c.json(created, 201) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/my/requests/:id/cancel', async (c) => {
    const result = await cancelRequestForUser(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    if (result.ok) return c.json(result);
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', cancelRefusal(result.status));
  });
