// /api/v1/admin/hardware/{models,categories,locations}: list, create, read, edit, delete (refused with
// 409 while in use). Mounted before admin-hardware.ts so these paths win over /admin/hardware/:id.
import { Hono, type Context } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { apiError } from '../errors';
import { fieldErrors } from '../../../src/lib/contracts/errors';
import { CATALOG_KINDS, CATALOG_SCHEMAS, type CatalogKind } from '../../../src/lib/contracts/admin-hardware';
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

const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

async function answer(
  c: Context<ApiEnv>,
  kind: CatalogKind,
  result: CatalogWriteResult,
  status: 200 | 201 = 200
) {
  if (result.ok) return c.json(await getCatalogItemForWorkspace(c.get('db'), kind, result.id), status);
  if (result.code === 'invalid')
    return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
  if (result.code === 'not_found') return apiError(c, 404, 'not_found', result.message);
  return apiError(c, 409, 'conflict', result.message);
}

/** The JSON body through the kind's schema; a 400 with fields when it doesn't fit. */
async function bodyFor(c: Context<ApiEnv>, kind: CatalogKind) {
  const raw: unknown = await c.req.json().catch(() => undefined);
  const parsed = CATALOG_SCHEMAS[kind].safeParse(raw ?? {});
  return parsed.success
    ? { data: parsed.data as Record<string, unknown> }
    : {
        error: apiError(c, 400, 'validation_failed', 'Some fields need attention.', fieldErrors(parsed.error))
      };
}

export const adminHardwareCatalogRoutes = new Hono<ApiEnv>();
for (const kind of CATALOG_KINDS) {
  const base = `/admin/hardware/${kind}`;
  adminHardwareCatalogRoutes
    .use(base, ...guard)
    .use(`${base}/*`, ...guard)
    .get(base, async (c) => c.json({ items: await listCatalogForWorkspace(c.get('db'), kind) }))
    .post(base, async (c) => {
      const body = await bodyFor(c, kind);
      if ('error' in body) return body.error;
      return answer(
        c,
        kind,
        await createCatalogItemForWorkspace(c.get('db'), c.get('actor'), kind, body.data),
        201
      );
    })
    .get(`${base}/:itemId`, async (c) => {
      const item = await getCatalogItemForWorkspace(c.get('db'), kind, c.req.param('itemId'));
      return item ? c.json(item) : apiError(c, 404, 'not_found', 'Nothing has that id in this workspace.');
    })
    .put(`${base}/:itemId`, async (c) => {
      const body = await bodyFor(c, kind);
      if ('error' in body) return body.error;
      return answer(
        c,
        kind,
        await updateCatalogItemForWorkspace(
          c.get('db'),
          c.get('actor'),
          kind,
          c.req.param('itemId'),
          body.data
        )
      );
    })
    .delete(`${base}/:itemId`, async (c) => {
      const result = await deleteCatalogItemForWorkspace(
        c.get('db'),
        c.get('actor'),
        kind,
        c.req.param('itemId')
      );
      if (result.ok) return c.body(null, 204);
      return answer(c, kind, result);
    });
}
