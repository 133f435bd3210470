// /api/v1/admin/dashboard: the admin dashboard's figures (what needs action), same service as the page.
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { adminOverviewSchema } from '../../../src/lib/contracts/dashboard';
import { getAdminOverviewForWorkspace } from '../../../src/lib/server/dashboard/admin-overview';

export const adminDashboardRoutes = newRouter().openapi(
  adminRoute({
    method: 'get',
    path: '/admin/dashboard',
    tag: 'Admin: dashboard',
    permission: 'admin.console',
    scope: 'dashboard:read',
    summary: 'The admin dashboard’s figures',
    responses: { 200: json('Counts of what needs action.', adminOverviewSchema) }
  }),
  async (c) => c.json(await getAdminOverviewForWorkspace(c.get('db')), 200)
);
