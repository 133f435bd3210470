// /api/v1/admin/loans: the loan pool, its items (add, edit, retire, put back), lend an item, mark a loan returned.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import { lendSchema } from '../../../src/lib/contracts/admin';
import {
  lendItemForWorkspace,
  listLoanPoolForWorkspace,
  returnLoanForWorkspace,
  type LoanResult
} from '../../../src/lib/server/loans/admin-loans';
import type { Context } from 'hono';
import { poolItemSchema } from '../../../src/lib/contracts/admin-loan-items';
import {
  createPoolItemForWorkspace,
  getPoolItemForWorkspace,
  setPoolItemRetiredForWorkspace,
  updatePoolItemForWorkspace,
  type PoolItemResult
} from '../../../src/lib/server/loans/pool-items';

const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

function answer(c: Context<ApiEnv>, result: LoanResult | PoolItemResult, created = false) {
  if (result.ok) return c.json({ ok: true, id: result.id }, created ? 201 : 200);
  if (result.code === 'not_found') return apiError(c, 404, 'not_found', result.message);
  if (result.code === 'invalid') return apiError(c, 400, 'validation_failed', result.message, result.fields);
  return apiError(c, 409, 'conflict', result.message);
}

export const adminLoansRoutes = new Hono<ApiEnv>()
  .use('/admin/loans', ...guard)
  .use('/admin/loans/*', ...guard)
  .get('/admin/loans', async (c) => c.json({ items: await listLoanPoolForWorkspace(c.get('db')) }))
  .post('/admin/loans/items', validate('json', poolItemSchema), async (c) =>
    answer(c, await createPoolItemForWorkspace(c.get('db'), c.get('actor'), c.req.valid('json')), true)
  )
  .get('/admin/loans/items/:itemId', async (c) => {
    const item = await getPoolItemForWorkspace(c.get('db'), c.req.param('itemId'));
    return item ? c.json(item) : apiError(c, 404, 'not_found', 'No pool item has that id in this workspace.');
  })
  .put('/admin/loans/items/:itemId', validate('json', poolItemSchema), async (c) =>
    answer(
      c,
      await updatePoolItemForWorkspace(
        c.get('db'),
        c.get('actor'),
        c.req.param('itemId'),
        c.req.valid('json')
      )
    )
  )
  .post('/admin/loans/items/:itemId/retire', async (c) =>
    answer(c, await setPoolItemRetiredForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), true))
  )
  .post('/admin/loans/items/:itemId/reinstate', async (c) =>
    answer(c, await setPoolItemRetiredForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), false))
  )
  .post('/admin/loans/items/:itemId/lend', validate('json', lendSchema), async (c) =>
    answer(
      c,
      await lendItemForWorkspace(c.get('db'), c.get('actor'), c.req.param('itemId'), c.req.valid('json')),
      true
    )
  )
  .post('/admin/loans/:loanId/return', async (c) =>
    answer(c, await returnLoanForWorkspace(c.get('db'), c.get('actor'), c.req.param('loanId')))
  );
