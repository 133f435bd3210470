// /api/v1/admin/hardware: list/search/filter, create, edit, assign and unassign assets.
import { Hono, type Context } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import { assetSchema, assignSchema, hardwareQuerySchema } from '../../../src/lib/contracts/admin';
import {
  createAssetForWorkspace,
  getAssetForWorkspace,
  listHardwareForWorkspace,
  updateAssetForWorkspace,
  type AssetWriteResult
} from '../../../src/lib/server/hardware/admin-hardware';
import {
  assignAssetForWorkspace,
  unassignAssetForWorkspace
} from '../../../src/lib/server/hardware/asset-assignment';

const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

async function answer(c: Context<ApiEnv>, result: AssetWriteResult, status: 200 | 201 = 200) {
  if (result.ok) return c.json(await getAssetForWorkspace(c.get('db'), result.id), status);
  if (result.code === 'invalid')
    return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
  if (result.code === 'not_found') return apiError(c, 404, 'not_found', result.message);
  return apiError(c, 409, 'conflict', result.message);
}

export const adminHardwareRoutes = new Hono<ApiEnv>()
  .use('/admin/hardware', ...guard)
  .use('/admin/hardware/*', ...guard)
  .get('/admin/hardware', validate('query', hardwareQuerySchema), async (c) =>
    c.json(await listHardwareForWorkspace(c.get('db'), c.req.valid('query')))
  )
  .post('/admin/hardware', validate('json', assetSchema), async (c) =>
    answer(c, await createAssetForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')), 201)
  )
  .get('/admin/hardware/:id', async (c) => {
    const asset = await getAssetForWorkspace(c.get('db'), c.req.param('id'));
    return asset ? c.json(asset) : apiError(c, 404, 'not_found', 'No asset has that id in this workspace.');
  })
  .put('/admin/hardware/:id', validate('json', assetSchema), async (c) =>
    answer(
      c,
      await updateAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json'))
    )
  )
  .post('/admin/hardware/:id/assign', validate('json', assignSchema), async (c) =>
    answer(
      c,
      await assignAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json'))
    )
  )
  .post('/admin/hardware/:id/unassign', async (c) =>
    answer(c, await unassignAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id')))
  );
