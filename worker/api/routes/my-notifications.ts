// /api/v1/my/notifications: the user's own inbox; mark one or all read.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { validate } from '../validate';
import { apiError } from '../errors';
import { pageQuerySchema } from '../../../src/lib/contracts/my';
import {
  listNotificationsForUser,
  markAllNotificationsReadForUser,
  markNotificationReadForUser
} from '../../../src/lib/server/notifications/my-notifications';

export const myNotificationsRoutes = new Hono<ApiEnv>()
  .use('/my/notifications', requireWorkspace, requireUser)
  .use('/my/notifications/*', requireWorkspace, requireUser)
  .get('/my/notifications', validate('query', pageQuerySchema), async (c) =>
    c.json(await listNotificationsForUser(c.get('db'), c.get('auth')!.user.id, c.req.valid('query').page))
  )
  .post('/my/notifications/read-all', async (c) =>
    c.json({ marked: await markAllNotificationsReadForUser(c.get('db'), c.get('auth')!.user.id) })
  )
  .post('/my/notifications/:id/read', async (c) => {
    const ok = await markNotificationReadForUser(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    return ok
      ? c.json({ read: true })
      : apiError(c, 404, 'not_found', 'No notification of yours has that id.');
  });
