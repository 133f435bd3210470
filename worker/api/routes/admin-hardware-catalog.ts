// /api/v1/admin/hardware/{models,categories,locations}: list, create, read, edit, delete (refused with
// 409 while in use). Mounted before admin-hardware.ts so these paths win over /admin/hardware/{id}.
import type { Context } from 'hono';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerServiceRefusal } from '../access/service-failure';
import { CATALOG_KINDS, CATALOG_SCHEMAS, type CatalogKind } from '../../../src/lib/contracts/admin-hardware';
import { catalogItemSchema, catalogListSchema } from '../../../src/lib/contracts/responses/admin-inventory';
import type { TenantDb } from '../../../src/lib/server/db';
import {
  createCatalogItemForWorkspace,
  deleteCatalogItemForWorkspace,
  updateCatalogItemForWorkspace,
  type CatalogWriteResult
} from '../../../src/lib/server/hardware/admin-catalog';
import {
  getCatalogItemForWorkspace,
  listCatalogForWorkspace
} from '../../../src/lib/server/hardware/catalog-list';

const access = { tag: 'Admin: hardware catalog', permission: 'admin.inventory' } as const;
const NAMES: Record<CatalogKind, string> = { models: 'model', categories: 'category', locations: 'location' };
const conflict = errorJson('`conflict`: in use (the message says by what), so it cannot be deleted.');

async function answer<S extends 200 | 201>(
  c: Context,
  db: TenantDb,
  kind: CatalogKind,
  result: CatalogWriteResult,
  status: S
) {
  if (result.ok) {
    const item = await getCatalogItemForWorkspace(db, kind, result.id);
    if (item) return c.json(item, status);
    return apiError(c, 404, 'not_found', 'Nothing has that id in this workspace.');
  }
  if (result.code === 'invalid')
    return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
  return answerServiceRefusal(c, result);
}

/** The routes of one kind; the request body is that kind's schema (contracts/admin-hardware.ts). */
function catalogRoutes(kind: CatalogKind) {
  const base = `/admin/hardware/${kind}` as const;
  const name = NAMES[kind];
  const body = jsonBody(CATALOG_SCHEMAS[kind]);
  return newRouter()
    .openapi(
      adminRoute({
        ...access,
        method: 'get',
        path: base,
        scope: 'hardware:read',
        summary: `List ${kind}`,
        responses: { 200: json(`Every ${name}, with what uses it.`, catalogListSchema) }
      }),
      async (c) => c.json({ items: await listCatalogForWorkspace(c.get('db'), kind) }, 200)
    )
    .openapi(
      adminRoute({
        ...access,
        method: 'post',
        path: base,
        scope: 'hardware:write',
        summary: `Add a ${name}`,
        request: { body },
        responses: { 201: json(`The new ${name}.`, catalogItemSchema), 409: conflict }
      }),
      async (c) => {
        const input = c.req.valid('json') as Record<string, unknown>;
        const result = await createCatalogItemForWorkspace(c.get('db'), c.get('actor'), kind, input);
        return answer(c, c.get('db'), kind, result, 201);
      }
    )
    .openapi(
      adminRoute({
        ...access,
        method: 'get',
        path: `${base}/{itemId}`,
        scope: 'hardware:read',
        summary: `A ${name}`,
        responses: { 200: json(`The ${name}.`, catalogItemSchema) }
      }),
      async (c) => {
        const item = await getCatalogItemForWorkspace(c.get('db'), kind, c.req.param('itemId'));
        return item
          ? c.json(item, 200)
          : apiError(c, 404, 'not_found', 'Nothing has that id in this workspace.');
      }
    )
    .openapi(
      adminRoute({
        ...access,
        method: 'put',
        path: `${base}/{itemId}`,
        scope: 'hardware:write',
        summary: `Edit a ${name}`,
        request: { body },
        responses: { 200: json(`The ${name} after the change.`, catalogItemSchema), 409: conflict }
      }),
      async (c) => {
        const input = c.req.valid('json') as Record<string, unknown>;
        const result = await updateCatalogItemForWorkspace(
          c.get('db'),
          c.get('actor'),
          kind,
          c.req.param('itemId'),
          input
        );
        return answer(c, c.get('db'), kind, result, 200);
      }
    )
    .openapi(
      adminRoute({
        ...access,
        method: 'delete',
        path: `${base}/{itemId}`,
        scope: 'hardware:write',
        summary: `Delete a ${name}`,
        responses: { 204: { description: 'Deleted.' }, 409: conflict }
      }),
      async (c) => {
        const result = await deleteCatalogItemForWorkspace(
          c.get('db'),
          c.get('actor'),
          kind,
          c.req.param('itemId')
        );
        if (result.ok) return c.body(null, 204);
        if (result.code === 'invalid')
          return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
        return answerServiceRefusal(c, result);
      }
    );
}

export const adminHardwareCatalogRoutes = newRouter();
for (const kind of CATALOG_KINDS) adminHardwareCatalogRoutes.route('/', catalogRoutes(kind));
