// /api/v1/admin/software (the approved catalog) and /api/v1/admin/licences (licences and seats):
// the JSON twins of Admin › Software, through the same services as the pages.
import { Hono, type Context } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import {
  licenceSchema,
  productSchema,
  seatAssignSchema,
  seatDevicesSchema
} from '../../../src/lib/contracts/admin-software';
import {
  createProductForWorkspace,
  getProductForWorkspace,
  listProductsForWorkspace,
  updateProductForWorkspace,
  type SoftwareResult
} from '../../../src/lib/server/software/admin-catalog';
import {
  createLicenceForWorkspace,
  getLicenceForWorkspace,
  listLicencesForWorkspace,
  updateLicenceForWorkspace
} from '../../../src/lib/server/software/admin-licences';
import {
  assignSeatForWorkspace,
  setSeatDevicesForWorkspace,
  unassignSeatForWorkspace
} from '../../../src/lib/server/software/licence-seats';

const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

function answer(c: Context<ApiEnv>, result: SoftwareResult, created = false) {
  if (result.ok) return c.json({ ok: true, id: result.id }, created ? 201 : 200);
  if (result.code === 'not_found') return apiError(c, 404, 'not_found', result.message);
  if (result.code === 'invalid') return apiError(c, 400, 'validation_failed', result.message, result.fields);
  return apiError(c, 409, 'conflict', result.message);
}

const actor = (c: Context<ApiEnv>) => c.get('actor');

export const adminSoftwareRoutes = new Hono<ApiEnv>()
  .use('/admin/software', ...guard)
  .use('/admin/software/*', ...guard)
  .use('/admin/licences', ...guard)
  .use('/admin/licences/*', ...guard)
  // The approved catalog.
  .get('/admin/software', async (c) => c.json({ items: await listProductsForWorkspace(c.get('db')) }))
  .post('/admin/software', validate('json', productSchema), async (c) =>
    answer(c, await createProductForWorkspace(c.get('db'), actor(c), c.req.valid('json')), true)
  )
  .get('/admin/software/:id', async (c) => {
    const product = await getProductForWorkspace(c.get('db'), c.req.param('id'));
    return product
      ? c.json(product)
      : apiError(c, 404, 'not_found', 'No product has that id in this workspace.');
  })
  .put('/admin/software/:id', validate('json', productSchema), async (c) =>
    answer(c, await updateProductForWorkspace(c.get('db'), actor(c), c.req.param('id'), c.req.valid('json')))
  )
  // Licences and their seats.
  .get('/admin/licences', async (c) => c.json({ items: await listLicencesForWorkspace(c.get('db')) }))
  .post('/admin/licences', validate('json', licenceSchema), async (c) =>
    answer(c, await createLicenceForWorkspace(c.get('db'), actor(c), c.req.valid('json')), true)
  )
  .get('/admin/licences/:id', async (c) => {
    const licence = await getLicenceForWorkspace(c.get('db'), c.req.param('id'));
    return licence
      ? c.json(licence)
      : apiError(c, 404, 'not_found', 'No licence has that id in this workspace.');
  })
  .put('/admin/licences/:id', validate('json', licenceSchema), async (c) =>
    answer(c, await updateLicenceForWorkspace(c.get('db'), actor(c), c.req.param('id'), c.req.valid('json')))
  )
  .post('/admin/licences/:id/seats', validate('json', seatAssignSchema), async (c) =>
    answer(
      c,
      await assignSeatForWorkspace(c.get('db'), actor(c), c.req.param('id'), c.req.valid('json')),
      true
    )
  )
  .delete('/admin/licences/:id/seats/:seatId', async (c) =>
    answer(c, await unassignSeatForWorkspace(c.get('db'), actor(c), c.req.param('id'), c.req.param('seatId')))
  )
  .put('/admin/licences/:id/seats/:seatId/devices', validate('json', seatDevicesSchema), async (c) =>
    answer(
      c,
      await setSeatDevicesForWorkspace(
        c.get('db'),
        actor(c),
        c.req.param('id'),
        c.req.param('seatId'),
        c.req.valid('json')
      )
    )
  );
