// /api/v1/admin/people: list/search, a person with assignments, suspend/reactivate, reset 2FA,
// invitations (invite, pending list, resend, revoke) and role changes. The invitation routes are
// registered before /admin/people/:id so "invitations" is never read as a person id.
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
import { inviteSchema, roleChangeSchema } from '../../../src/lib/contracts/admin-people';
import {
  inviteUserForWorkspace,
  resendInvitationForWorkspace,
  revokeInvitationForWorkspace,
  type InviteContext
} from '../../../src/lib/server/people/invitations';
import { listPendingInvitationsForWorkspace } from '../../../src/lib/server/people/pending-invitations';
import { changeRoleForWorkspace } from '../../../src/lib/server/people/admin-roles';
import type { Context } from 'hono';

const inviteContext = (c: Context<ApiEnv>): InviteContext => ({
  env: c.env,
  slug: c.get('workspace').slug,
  workspaceName: c.get('workspace').name,
  origin: new URL(c.req.url).origin
});

const notFound = 'No person has that id in this workspace.';
const guard = [requireWorkspace, requireUser, requirePermission('admin.people')] as const;

export const adminPeopleRoutes = new Hono<ApiEnv>()
  .use('/admin/people', ...guard)
  .use('/admin/people/*', ...guard)
  .get('/admin/people', validate('query', peopleQuerySchema), async (c) =>
    c.json(await listPeopleForWorkspace(c.get('db'), c.req.valid('query')))
  )
  .get('/admin/people/invitations', async (c) =>
    c.json({ items: await listPendingInvitationsForWorkspace(c.get('db')) })
  )
  .post('/admin/people/invitations', validate('json', inviteSchema), async (c) => {
    const input = c.req.valid('json');
    const result = await inviteUserForWorkspace(inviteContext(c), c.get('db'), c.get('actor'), input);
    if (!result.ok)
      return result.code === 'forbidden'
        ? apiError(c, 403, 'forbidden', result.message)
        : result.code === 'duplicate'
          ? apiError(c, 409, 'conflict', result.message, result.fields)
          : apiError(c, 400, 'validation_failed', result.message, result.fields);
    return c.json(
      {
        id: result.userId,
        email: input.email,
        role: input.role,
        signIn: result.signIn,
        status: result.signIn === 'password' ? 'invited' : 'active',
        mailSent: result.mailSent
      },
      201
    );
  })
  .post('/admin/people/invitations/:id/resend', async (c) => {
    const result = await resendInvitationForWorkspace(
      inviteContext(c),
      c.get('db'),
      c.get('actor'),
      c.req.param('id')
    );
    if (result.ok) return c.json({ ok: true });
    if (result.code === 'mail_failed') return apiError(c, 503, 'mail_failed', result.message);
    return result.code === 'not_found'
      ? apiError(c, 404, 'not_found', notFound)
      : apiError(c, 409, 'conflict', result.message);
  })
  .delete('/admin/people/invitations/:id', async (c) => {
    const result = await revokeInvitationForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'));
    if (result.ok) return c.json({ ok: true });
    return result.code === 'not_found'
      ? apiError(c, 404, 'not_found', notFound)
      : apiError(c, 409, 'conflict', result.message);
  })
  .get('/admin/people/:id', async (c) => {
    const person = await getPersonForWorkspace(c.get('db'), c.req.param('id'));
    return person ? c.json(person) : apiError(c, 404, 'not_found', notFound);
  })
  .post('/admin/people/:id/status', validate('json', personStatusSchema), async (c) => {
    const result = await setPersonStatusForWorkspace(
      c.env,
      c.get('workspace').slug,
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json').status
    );
    if (result.ok) return c.json({ ok: true, status: c.req.valid('json').status });
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', result.message);
  })
  .post('/admin/people/:id/role', validate('json', roleChangeSchema), async (c) => {
    const result = await changeRoleForWorkspace(
      c.get('db'),
      c.get('actor'),
      c.req.param('id'),
      c.req.valid('json').role
    );
    if (result.ok) return c.json({ ok: true, role: result.role });
    if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
    return apiError(c, 409, 'conflict', result.message);
  })
  .post('/admin/people/:id/two-factor/reset', async (c) => {
    const result = await resetTwoFactorForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'));
    return result.ok ? c.json({ ok: true }) : apiError(c, 404, 'not_found', notFound);
  });
