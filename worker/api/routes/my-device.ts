// My device as JSON (/api/v1/my/device*), for integrations; the page uses the same services.
// Session cookie + same-origin writes (the /api/v1 sub-app's middleware).
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { requireUser, requireWorkspace } from '../middleware/context';
import {
  getActiveDeviceForUser,
  listInstalledSoftwareForUser
} from '../../../src/lib/server/devices/devices';
import { currentPairingCodeForUser, issuePairingCodeForUser } from '../../../src/lib/server/devices/pairing';

export const myDeviceRoutes = new Hono<ApiEnv>()
  .get('/my/device', requireWorkspace, requireUser, async (c) => {
    const userId = c.get('auth')!.user.id;
    const device = await getActiveDeviceForUser(c.get('db'), userId);
    if (device)
      return c.json({
        device,
        software: await listInstalledSoftwareForUser(c.get('db'), userId),
        pairingCode: null
      });
    return c.json({
      device: null,
      software: [],
      pairingCode: await currentPairingCodeForUser(c.env, c.get('workspace').slug, userId)
    });
  })
  // "Generate pairing code" / "Regenerate code".
  .post('/my/device/pairing-code', requireWorkspace, requireUser, async (c) => {
    const result = await issuePairingCodeForUser(
      c.env,
      c.get('workspace').slug,
      c.get('db'),
      c.get('auth')!.user.id
    );
    if (!result.ok) return apiError(c, 409, 'conflict', result.message);
    return c.json(result.code, 201);
  });
