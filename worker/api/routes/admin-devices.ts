// /api/v1/admin/devices: every paired agent; revoke a pairing.
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { answerForbiddenOrNotFound } from '../access/service-failure';
import { devicesQuerySchema } from '../../../src/lib/contracts/admin-people';
import { okSchema } from '../../../src/lib/contracts/responses/common';
import { adminDeviceListSchema } from '../../../src/lib/contracts/responses/admin-work';
import { listDevicesForWorkspace } from '../../../src/lib/server/devices/admin-devices';
import { revokeDeviceAsAdmin } from '../../../src/lib/server/devices/devices';

const access = { tag: 'Admin: devices', permission: 'admin.devices' } as const;

export const adminDevicesRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/devices',
      scope: 'devices:read',
      summary: 'Paired agents',
      request: { query: devicesQuerySchema },
      responses: { 200: json('Every pairing, filtered.', adminDeviceListSchema) }
    }),
    async (c) => c.json({ items: await listDevicesForWorkspace(c.get('db'), c.req.valid('query')) }, 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/devices/{id}/revoke',
      scope: 'devices:write',
      summary: 'Revoke a pairing',
      responses: { 200: json('Revoked: the agent’s credential stops working.', okSchema) }
    }),
    async (c) => {
      const result = await revokeDeviceAsAdmin(c.get('db'), c.get('actor'), c.req.param('id'));
      if (result.ok) return c.json({ ok: true as const }, 200);
      return answerForbiddenOrNotFound(c, result, 'No active pairing has that id in this workspace.');
    }
  );
