// /api/v1/admin/people: list/search, a person with assignments, suspend/reactivate, reset 2FA.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import { peopleQuerySchema, personStatusSchema } from '../../../src/lib/contracts/admin';
import {
  getPersonForWorkspace,
  listPeopleForWorkspace,
  resetTwoFactorForWorkspace,
  setPersonStatusForWorkspace
} from '../../../src/lib/server/people/admin-people';

const notFound = 'No person has that id in this workspace.';
const guard = [requireWorkspace, requireUser, requirePermission('admin.people')] as const;

export const adminPeopleRoutes = new Hono<ApiEnv>()
  .use('/admin/people', ...guard)
  .use('/admin/people/*', ...guard)
  .get('/admin/people', validate('query', peopleQuerySchema), async (c) => c.json(await listPeopleForWorkspace(c.get('db'), c.req.valid('query'))))
  .get('/admin/people/:id', async (c) => {
    const person = await getPersonForWorkspace(c.get('db'), c.req.param('id'));
    return person ? c.json(person) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/admin/people/:id/status', validate('json', personStatusSchema), async (c) => {
    const result = await setPersonStatusForWorkspace(c.env, c.get('workspace').slug, c.get('db'), c.get('auth')!.user.id, c.req.param('id'), c.req.valid('json').status);
    if (result.ok) return c.json({ ok: true, status: c.req.valid('json').status });
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', result.message);
  })
  .post('/admin/people/:id/two-factor/reset', async (c) => {
    const result = await resetTwoFactorForWorkspace(c.get('db'), c.get('auth')!.user.id, c.req.param('id'));
    return result.ok ? c.json({ ok: true }) : apiError(c, 404, 'not_found', notFound);
  });
