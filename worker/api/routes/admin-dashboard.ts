// /api/v1/admin/dashboard: the admin dashboard's figures (what needs action), same service as the page.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { getAdminOverviewForWorkspace } from '../../../src/lib/server/dashboard/admin-overview';

export const adminDashboardRoutes = new Hono<ApiEnv>()
  .use('/admin/dashboard', requireWorkspace, requireUser, requirePermission('admin.console'))
  .get('/admin/dashboard', async (c) => c.json(await getAdminOverviewForWorkspace(c.get('db'))));
