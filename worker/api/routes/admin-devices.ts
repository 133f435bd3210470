// /api/v1/admin/devices: every paired agent; revoke a pairing.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { apiError } from '../errors';
import { validate } from '../validate';
import { devicesQuerySchema } from '../../../src/lib/contracts/admin-people';
import { listDevicesForWorkspace } from '../../../src/lib/server/devices/admin-devices';
import { revokeDeviceAsAdmin } from '../../../src/lib/server/devices/devices';

const guard = [requireWorkspace, requireUser, requirePermission('admin.devices')] as const;

export const adminDevicesRoutes = new Hono<ApiEnv>()
  .use('/admin/devices', ...guard)
  .use('/admin/devices/*', ...guard)
  .get('/admin/devices', validate('query', devicesQuerySchema), async (c) =>
    c.json({ items: await listDevicesForWorkspace(c.get('db'), c.req.valid('query')) })
  )
  .post('/admin/devices/:id/revoke', async (c) => {
    const result = await revokeDeviceAsAdmin(c.get('db'), c.get('actor'), c.req.param('id'));
    return result.ok
      ? c.json({ ok: true })
      : apiError(c, 404, 'not_found', 'No active pairing has that id in this workspace.');
  });
