// /api/v1/my/notifications: the person's own inbox; mark one or all read.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { apiError } from '../errors';
import { pageQuerySchema } from '../../../src/lib/contracts/my';
import { markedSchema, myNotificationPageSchema, readSchema } from '../../../src/lib/contracts/responses/my';
import {
  listNotificationsForUser,
  markAllNotificationsReadForUser,
  markNotificationReadForUser
} from '../../../src/lib/server/notifications/my-notifications';

const tag = 'My notifications';

export const myNotificationsRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/notifications',
      tag,
      scope: 'my:read',
      summary: 'Your notifications',
      request: { query: pageQuerySchema },
      responses: { 200: json('One page of your notifications, newest first.', myNotificationPageSchema) }
    }),
    async (c) =>
      c.json(
        await listNotificationsForUser(c.get('db'), c.get('actor').userId, c.req.valid('query').page),
        200
      )
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/notifications/read-all',
      tag,
      scope: 'my:write',
      summary: 'Mark all as read',
      responses: { 200: json('How many were marked.', markedSchema) }
    }),
    async (c) =>
      c.json({ marked: await markAllNotificationsReadForUser(c.get('db'), c.get('actor').userId) }, 200)
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/notifications/{id}/read',
      tag,
      scope: 'my:write',
      summary: 'Mark one as read',
      responses: { 200: json('Marked.', readSchema) }
    }),
    async (c) => {
      const ok = await markNotificationReadForUser(c.get('db'), c.get('actor').userId, c.req.param('id'));
      return ok
        ? c.json({ read: true as const }, 200)
        : apiError(c, 404, 'not_found', 'No notification of yours has that id.');
    }
  );
