// /api/v1/admin/software (the approved catalog) and /api/v1/admin/licences (licences and seats):
// the JSON twins of Admin › Software, through the same services as the pages.
import type { Context } from 'hono';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerServiceRefusal } from '../access/service-failure';
import {
  licenceSchema,
  productSchema,
  seatAssignSchema,
  seatDevicesSchema
} from '../../../src/lib/contracts/admin-software';
import { okIdSchema } from '../../../src/lib/contracts/responses/common';
import {
  licenceDetailSchema,
  licenceListSchema,
  productListSchema,
  productSchema as productResponseSchema
} from '../../../src/lib/contracts/responses/admin-inventory';
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

const access = { tag: 'Admin: software', permission: 'admin.inventory' } as const;
const conflict = errorJson('`conflict`: a duplicate, or not possible now (the message says why).');
const done = (description: string) => ({ 200: json(description, okIdSchema), 409: conflict });
const created = (description: string) => ({ 201: json(description, okIdSchema), 409: conflict });

function answer<S extends 200 | 201>(c: Context, result: SoftwareResult, status: S) {
  if (result.ok) return c.json({ ok: true as const, id: result.id }, status);
  return answerServiceRefusal(c, result);
}

export const adminSoftwareRoutes = newRouter()
  // The approved catalog.
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/software',
      scope: 'software:read',
      summary: 'The software catalog',
      responses: { 200: json('Every product.', productListSchema) }
    }),
    async (c) => c.json({ items: await listProductsForWorkspace(c.get('db')) }, 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/software',
      scope: 'software:write',
      summary: 'Add a product',
      request: { body: jsonBody(productSchema) },
      responses: created('Added.')
    }),
    async (c) =>
      answer(c, await createProductForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')), 201)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/software/{id}',
      scope: 'software:read',
      summary: 'A product',
      responses: { 200: json('The product.', productResponseSchema) }
    }),
    async (c) => {
      const product = await getProductForWorkspace(c.get('db'), c.req.param('id'));
      return product
        ? c.json(product, 200)
        : apiError(c, 404, 'not_found', 'No product has that id in this workspace.');
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'put',
      path: '/admin/software/{id}',
      scope: 'software:write',
      summary: 'Edit a product',
      request: { body: jsonBody(productSchema) },
      responses: done('Saved.')
    }),
    async (c) =>
      answer(
        c,
        await updateProductForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json')),
        200
      )
  )
  // Licences and their seats.
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/licences',
      scope: 'software:read',
      summary: 'Licences',
      responses: { 200: json('Every licence with its seat count and renewal.', licenceListSchema) }
    }),
    async (c) => c.json({ items: await listLicencesForWorkspace(c.get('db')) }, 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/licences',
      scope: 'software:write',
      summary: 'Add a licence',
      request: { body: jsonBody(licenceSchema) },
      responses: created('Added.')
    }),
    async (c) =>
      answer(c, await createLicenceForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')), 201)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/licences/{id}',
      scope: 'software:read',
      summary: 'A licence',
      responses: { 200: json('The licence with its seats.', licenceDetailSchema) }
    }),
    async (c) => {
      const licence = await getLicenceForWorkspace(c.get('db'), c.req.param('id'));
      return licence
        ? c.json(licence, 200)
        : apiError(c, 404, 'not_found', 'No licence has that id in this workspace.');
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'put',
      path: '/admin/licences/{id}',
      scope: 'software:write',
      summary: 'Edit a licence',
      request: { body: jsonBody(licenceSchema) },
      responses: done('Saved.')
    }),
    async (c) =>
      answer(
        c,
        await updateLicenceForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json')),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/licences/{id}/seats',
      scope: 'software:write',
      summary: 'Assign a seat',
      request: { body: jsonBody(seatAssignSchema) },
      responses: created('Assigned: the seat’s id.')
    }),
    async (c) =>
      answer(
        c,
        await assignSeatForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json')),
        201
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'delete',
      path: '/admin/licences/{id}/seats/{seatId}',
      scope: 'software:write',
      summary: 'Free a seat',
      responses: done('Freed.')
    }),
    async (c) =>
      answer(
        c,
        await unassignSeatForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.param('seatId')),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'put',
      path: '/admin/licences/{id}/seats/{seatId}/devices',
      scope: 'software:write',
      summary: 'Link a seat to devices',
      request: { body: jsonBody(seatDevicesSchema) },
      responses: done('Saved.')
    }),
    async (c) =>
      answer(
        c,
        await setSeatDevicesForWorkspace(
          c.get('db'),
          c.get('actor'),
          c.req.param('id'),
          c.req.param('seatId'),
          c.req.valid('json')
        ),
        200
      )
  );
