// /api/v1/admin/hardware: list/search/filter, create, edit, assign and unassign assets.
import type { Context } from 'hono';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerServiceRefusal } from '../access/service-failure';
import { assetSchema, assignSchema, hardwareQuerySchema } from '../../../src/lib/contracts/admin';
import { paged } from '../../../src/lib/contracts/responses/common';
import { assetDetailSchema, assetRowSchema } from '../../../src/lib/contracts/responses/admin-inventory';
import type { TenantDb } from '../../../src/lib/server/db';
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

const access = { tag: 'Admin: hardware', permission: 'admin.inventory' } as const;
const conflict = errorJson('`conflict`: not possible in the asset’s current state (the message says why).');

/** The asset after a change, or the change's refusal. */
async function answer<S extends 200 | 201>(c: Context, db: TenantDb, result: AssetWriteResult, status: S) {
  if (result.ok) {
    const asset = await getAssetForWorkspace(db, result.id);
    if (asset) return c.json(asset, status);
    return apiError(c, 404, 'not_found', 'No asset has that id in this workspace.');
  }
  if (result.code === 'invalid')
    return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
  return answerServiceRefusal(c, result);
}

export const adminHardwareRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/hardware',
      scope: 'hardware:read',
      summary: 'Hardware assets',
      request: { query: hardwareQuerySchema },
      responses: { 200: json('One page of assets, searched and filtered.', paged(assetRowSchema)) }
    }),
    async (c) => c.json(await listHardwareForWorkspace(c.get('db'), c.req.valid('query')), 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/hardware',
      scope: 'hardware:write',
      summary: 'Add an asset',
      request: { body: jsonBody(assetSchema) },
      responses: { 201: json('The new asset.', assetDetailSchema), 409: conflict }
    }),
    async (c) =>
      answer(
        c,
        c.get('db'),
        await createAssetForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')),
        201
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/hardware/{id}',
      scope: 'hardware:read',
      summary: 'An asset',
      responses: { 200: json('The asset with its assignment history.', assetDetailSchema) }
    }),
    async (c) => {
      const asset = await getAssetForWorkspace(c.get('db'), c.req.param('id'));
      return asset
        ? c.json(asset, 200)
        : apiError(c, 404, 'not_found', 'No asset has that id in this workspace.');
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'put',
      path: '/admin/hardware/{id}',
      scope: 'hardware:write',
      summary: 'Edit an asset',
      request: { body: jsonBody(assetSchema) },
      responses: { 200: json('The asset after the change.', assetDetailSchema), 409: conflict }
    }),
    async (c) =>
      answer(
        c,
        c.get('db'),
        await updateAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json')),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/hardware/{id}/assign',
      scope: 'hardware:write',
      summary: 'Assign to a person',
      request: { body: jsonBody(assignSchema) },
      responses: { 200: json('The asset, now assigned.', assetDetailSchema), 409: conflict }
    }),
    async (c) =>
      answer(
        c,
        c.get('db'),
        await assignAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), c.req.valid('json')),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/hardware/{id}/unassign',
      scope: 'hardware:write',
      summary: 'Take back (unassign)',
      responses: { 200: json('The asset, back in stock.', assetDetailSchema), 409: conflict }
    }),
    async (c) =>
      answer(
        c,
        c.get('db'),
        await unassignAssetForWorkspace(c.get('db'), c.get('actor'), c.req.param('id')),
        200
      )
  );
