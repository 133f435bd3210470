import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { getDashboardForUser } from '../../../src/lib/server/dashboard/my-dashboard';

export const myDashboardRoutes = new Hono<ApiEnv>().get(
  '/my/dashboard',
  requireWorkspace,
  requireUser,
  async (c) => c.json(await getDashboardForUser(c.get('db'), c.get('auth')!.user.id))
);
