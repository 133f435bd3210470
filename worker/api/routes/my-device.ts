// My device as JSON (/api/v1/my/device*), for integrations; the page uses the same services.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { errorJson, json } from '../access/responses';
import { apiError } from '../errors';
import { myDeviceSchema, pairingCodeSchema } from '../../../src/lib/contracts/responses/my';
import {
  getActiveDeviceForUser,
  listInstalledSoftwareForUser
} from '../../../src/lib/server/devices/devices';
import { currentPairingCodeForUser, issuePairingCodeForUser } from '../../../src/lib/server/devices/pairing';

const tag = 'My device';

export const myDeviceRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/device',
      tag,
      scope: 'my:read',
      summary: 'Your paired computer',
      responses: {
        200: json('The paired device and its software, or the live pairing code if none.', myDeviceSchema)
      }
    }),
    async (c) => {
      const userId = c.get('actor').userId;
      const device = await getActiveDeviceForUser(c.get('db'), userId);
      if (device)
        return c.json(
          { device, software: await listInstalledSoftwareForUser(c.get('db'), userId), pairingCode: null },
          200
        );
      return c.json(
        {
          device: null,
          software: [],
          pairingCode: await currentPairingCodeForUser(c.env, c.get('workspace').slug, userId)
        },
        200
      );
    }
  )
  // "Generate pairing code" / "Regenerate code".
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/device/pairing-code',
      tag,
      scope: 'my:write',
      summary: 'Generate a pairing code',
      responses: {
        201: json('A code to type into the agent (replaces any earlier one).', pairingCodeSchema),
        409: errorJson('`conflict`: a device is already paired with your account.')
      }
    }),
    async (c) => {
      const result = await issuePairingCodeForUser(
        c.env,
        c.get('workspace').slug,
        c.get('db'),
        c.get('actor').userId
      );
      if (!result.ok) return apiError(c, 409, 'conflict', result.message);
      return c.json(result.code, 201);
    }
  );
