// /api/v1/admin/people: list/search, a person with assignments, suspend/reactivate, reset 2FA,
// invitations (invite, pending list, resend, revoke) and role changes. The invitation routes are
// registered before /admin/people/{id} so "invitations" is never read as a person id.
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerForbiddenOrNotFound, answerServiceRefusal } from '../access/service-failure';
import { peopleQuerySchema, personStatusSchema } from '../../../src/lib/contracts/admin';
import { inviteSchema, roleChangeSchema } from '../../../src/lib/contracts/admin-people';
import { okSchema } from '../../../src/lib/contracts/responses/common';
import {
  invitedSchema,
  peoplePageSchema,
  pendingInvitationListSchema,
  personDetailSchema,
  personStatusChangedSchema,
  roleChangedSchema
} from '../../../src/lib/contracts/responses/admin-people';
import {
  getPersonForWorkspace,
  listPeopleForWorkspace,
  resetTwoFactorForWorkspace,
  setPersonStatusForWorkspace
} from '../../../src/lib/server/people/admin-people';
import {
  inviteUserForWorkspace,
  resendInvitationForWorkspace,
  revokeInvitationForWorkspace,
  type InviteContext
} from '../../../src/lib/server/people/invitations';
import { listPendingInvitationsForWorkspace } from '../../../src/lib/server/people/pending-invitations';
import { changeRoleForWorkspace } from '../../../src/lib/server/people/admin-roles';
import type { WorkspaceInfo } from '../../../src/lib/server/tenancy/resolve';

const inviteContext = (env: Env, workspace: WorkspaceInfo, url: string): InviteContext => ({
  env,
  slug: workspace.slug,
  workspaceName: workspace.name,
  origin: new URL(url).origin
});

const notFound = 'No person has that id in this workspace.';
const access = { tag: 'Admin: people', permission: 'admin.people' } as const;
const conflict = errorJson('`conflict`: not possible in the current state (the message says why).');

export const adminPeopleRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/people',
      scope: 'people:read',
      summary: 'People',
      request: { query: peopleQuerySchema },
      responses: { 200: json('One page of people, searched by name or email.', peoplePageSchema) }
    }),
    async (c) => c.json(await listPeopleForWorkspace(c.get('db'), c.req.valid('query')), 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/people/invitations',
      scope: 'people:read',
      summary: 'Pending invitations',
      responses: { 200: json('Invitations not yet accepted.', pendingInvitationListSchema) }
    }),
    async (c) => c.json({ items: await listPendingInvitationsForWorkspace(c.get('db')) }, 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/people/invitations',
      scope: 'people:write',
      summary: 'Invite a person',
      request: { body: jsonBody(inviteSchema) },
      responses: {
        201: json('Invited (or added, for single sign-on).', invitedSchema),
        409: errorJson('`conflict`: someone in this workspace already has that email.')
      }
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await inviteUserForWorkspace(
        inviteContext(c.env, c.get('workspace'), c.req.url),
        c.get('db'),
        c.get('actor'),
        input
      );
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
          status: result.signIn === 'password' ? ('invited' as const) : ('active' as const),
          mailSent: result.mailSent
        },
        201
      );
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/people/invitations/{id}/resend',
      scope: 'people:write',
      summary: 'Resend an invitation',
      responses: {
        200: json('Sent again, with a new link.', okSchema),
        409: conflict,
        503: errorJson('`mail_failed`: the invitation email could not be sent; nothing changed.')
      }
    }),
    async (c) => {
      const result = await resendInvitationForWorkspace(
        inviteContext(c.env, c.get('workspace'), c.req.url),
        c.get('db'),
        c.get('actor'),
        c.req.param('id')
      );
      if (result.ok) return c.json({ ok: true as const }, 200);
      if (result.code === 'mail_failed') return apiError(c, 503, 'mail_failed', result.message);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'delete',
      path: '/admin/people/invitations/{id}',
      scope: 'people:write',
      summary: 'Revoke an invitation',
      responses: { 200: json('Revoked.', okSchema), 409: conflict }
    }),
    async (c) => {
      const result = await revokeInvitationForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'));
      if (result.ok) return c.json({ ok: true as const }, 200);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/people/{id}',
      scope: 'people:read',
      summary: 'A person',
      responses: { 200: json('The person with what is assigned to them.', personDetailSchema) }
    }),
    async (c) => {
      const person = await getPersonForWorkspace(c.get('db'), c.req.param('id'));
      return person ? c.json(person, 200) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/people/{id}/status',
      scope: 'people:write',
      summary: 'Suspend or reactivate',
      request: { body: jsonBody(personStatusSchema) },
      responses: { 200: json('The new status.', personStatusChangedSchema), 409: conflict }
    }),
    async (c) => {
      const result = await setPersonStatusForWorkspace(
        c.env,
        c.get('workspace').slug,
        c.get('db'),
        c.get('actor'),
        c.req.param('id'),
        c.req.valid('json').status
      );
      if (result.ok) return c.json({ ok: true as const, status: c.req.valid('json').status }, 200);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/people/{id}/role',
      scope: 'people:write',
      summary: 'Change a role',
      request: { body: jsonBody(roleChangeSchema) },
      responses: { 200: json('The new role.', roleChangedSchema), 409: conflict }
    }),
    async (c) => {
      const result = await changeRoleForWorkspace(
        c.get('db'),
        c.get('actor'),
        c.req.param('id'),
        c.req.valid('json').role
      );
      if (result.ok) return c.json({ ok: true as const, role: result.role }, 200);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/people/{id}/two-factor/reset',
      scope: 'people:write',
      summary: 'Reset two-step verification',
      responses: { 200: json('Their authenticator app and passkeys are removed.', okSchema) }
    }),
    async (c) => {
      const result = await resetTwoFactorForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'));
      if (result.ok) return c.json({ ok: true as const }, 200);
      return answerForbiddenOrNotFound(c, result, notFound);
    }
  );
