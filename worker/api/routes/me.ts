import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import type { MeResponse } from '../../../src/lib/contracts/auth';

export const meRoutes = new Hono<ApiEnv>().get('/me', requireWorkspace, requireUser, (c) => {
  const { user } = c.get('auth')!;
  const workspace = c.get('workspace');
  const body: MeResponse = {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, theme: user.theme },
    workspace: { slug: workspace.slug, name: workspace.name }
  };
  return c.json(body);
});
