// /api/v1/my/dashboard: the My dashboard's figures and what needs attention.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { myDashboardSchema } from '../../../src/lib/contracts/dashboard';
import { getDashboardForUser } from '../../../src/lib/server/dashboard/my-dashboard';

export const myDashboardRoutes = newRouter().openapi(
  userRoute({
    method: 'get',
    path: '/my/dashboard',
    tag: 'Me',
    scope: 'my:read',
    summary: 'Your dashboard',
    responses: { 200: json('Counts and the items that need your attention.', myDashboardSchema) }
  }),
  async (c) => c.json(await getDashboardForUser(c.get('db'), c.get('actor').userId), 200)
);
