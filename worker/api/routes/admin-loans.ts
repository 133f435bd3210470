// /api/v1/admin/loans: the loan pool, its items (add, edit, retire, put back), lend an item, mark a loan returned.
import type { Context } from 'hono';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerServiceRefusal } from '../access/service-failure';
import { lendSchema } from '../../../src/lib/contracts/admin';
import { poolItemSchema } from '../../../src/lib/contracts/admin-loan-items';
import { okIdSchema } from '../../../src/lib/contracts/responses/common';
import {
  loanPoolListSchema,
  poolItemDetailSchema
} from '../../../src/lib/contracts/responses/admin-inventory';
import {
  lendItemForWorkspace,
  listLoanPoolForWorkspace,
  returnLoanForWorkspace,
  type LoanResult
} from '../../../src/lib/server/loans/admin-loans';
import {
  createPoolItemForWorkspace,
  getPoolItemForWorkspace,
  setPoolItemRetiredForWorkspace,
  updatePoolItemForWorkspace,
  type PoolItemResult
} from '../../../src/lib/server/loans/pool-items';

const access = { tag: 'Admin: loans', permission: 'admin.inventory' } as const;
const conflict = errorJson('`conflict`: not possible in the item’s current state (the message says why).');
const done = (description: string) => ({ 200: json(description, okIdSchema), 409: conflict });
const created = (description: string) => ({ 201: json(description, okIdSchema), 409: conflict });

function answer<S extends 200 | 201>(c: Context, result: LoanResult | PoolItemResult, status: S) {
  if (result.ok) return c.json({ ok: true as const, id: result.id }, status);
  return answerServiceRefusal(c, result);
}

export const adminLoansRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/loans',
      scope: 'loans:read',
      summary: 'The loan pool',
      responses: { 200: json('Every pool item with its current loan.', loanPoolListSchema) }
    }),
    async (c) => c.json({ items: await listLoanPoolForWorkspace(c.get('db')) }, 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/loans/items',
      scope: 'loans:write',
      summary: 'Add a pool item',
      request: { body: jsonBody(poolItemSchema) },
      responses: created('Added.')
    }),
    async (c) =>
      answer(c, await createPoolItemForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')), 201)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/loans/items/{itemId}',
      scope: 'loans:read',
      summary: 'A pool item',
      responses: { 200: json('The item.', poolItemDetailSchema) }
    }),
    async (c) => {
      const item = await getPoolItemForWorkspace(c.get('db'), c.req.param('itemId'));
      return item
        ? c.json(item, 200)
        : apiError(c, 404, 'not_found', 'No pool item has that id in this workspace.');
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'put',
      path: '/admin/loans/items/{itemId}',
      scope: 'loans:write',
      summary: 'Edit a pool item',
      request: { body: jsonBody(poolItemSchema) },
      responses: done('Saved.')
    }),
    async (c) =>
      answer(
        c,
        await updatePoolItemForWorkspace(
          c.get('db'),
          c.get('actor'),
          c.req.param('itemId'),
          c.req.valid('json')
        ),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/loans/items/{itemId}/retire',
      scope: 'loans:write',
      summary: 'Retire a pool item',
      responses: done('Retired.')
    }),
    async (c) =>
      answer(
        c,
        await setPoolItemRetiredForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), true),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/loans/items/{itemId}/reinstate',
      scope: 'loans:write',
      summary: 'Put a retired item back in the pool',
      responses: done('Available again.')
    }),
    async (c) =>
      answer(
        c,
        await setPoolItemRetiredForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), false),
        200
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/loans/items/{itemId}/lend',
      scope: 'loans:write',
      summary: 'Lend an item',
      request: { body: jsonBody(lendSchema) },
      responses: created('Lent: the loan’s id.')
    }),
    async (c) =>
      answer(
        c,
        await lendItemForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), c.req.valid('json')),
        201
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/loans/{loanId}/return',
      scope: 'loans:write',
      summary: 'Mark a loan returned',
      responses: done('Returned.')
    }),
    async (c) =>
      answer(c, await returnLoanForWorkspace(c.get('db'), c.get('actor'), c.req.param('loanId')), 200)
  );
