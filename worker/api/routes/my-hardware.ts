// /api/v1/my/hardware: the signed-in user's own devices (same services as the My hardware pages).
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { validate } from '../validate';
import { apiError } from '../errors';
import { pageQuerySchema, problemReportSchema } from '../../../src/lib/contracts/my';
import {
  acknowledgeHardwareForUser,
  getHardwareForUser,
  listHardwareForUser,
  reportProblemForUser
} from '../../../src/lib/server/hardware/my-hardware';

const notFound = 'No hardware item of yours has that id.';

export const myHardwareRoutes = new Hono<ApiEnv>()
  .use('/my/hardware', requireWorkspace, requireUser)
  .use('/my/hardware/*', requireWorkspace, requireUser)
  .get('/my/hardware', validate('query', pageQuerySchema), async (c) =>
    c.json(await listHardwareForUser(c.get('db'), c.get('auth')!.user.id, c.req.valid('query').page))
  )
  .get('/my/hardware/:id', async (c) => {
    const item = await getHardwareForUser(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    return item ? c.json(item) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/my/hardware/:id/acknowledge', async (c) => {
    const result = await acknowledgeHardwareForUser(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    if (!result.ok) return apiError(c, 404, 'not_found', notFound);
    return c.json(result);
  })
  .post('/my/hardware/:id/problems', validate('json', problemReportSchema), async (c) => {
    const { user } = c.get('auth')!;
    const created = await reportProblemForUser(c.get('db'), user, c.req.param('id'), c.req.valid('json'));
    return created ? c.json(created, 201) : apiError(c, 404, 'not_found', notFound);
  });
