// /api/v1/admin/requests: the request queue, decisions and the thread with the requester.
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { answerForbiddenOrNotFound, answerServiceRefusal } from '../access/service-failure';
import {
  requestDecisionSchema,
  requestMessageSchema,
  requestQueueQuerySchema
} from '../../../src/lib/contracts/admin';
import { idSchema } from '../../../src/lib/contracts/responses/common';
import {
  adminRequestDetailSchema,
  decidedSchema,
  requestQueuePageSchema
} from '../../../src/lib/contracts/responses/admin-work';
import {
  addMessageForWorkspace,
  decideRequestForWorkspace,
  getRequestForWorkspace,
  listRequestsForWorkspace
} from '../../../src/lib/server/requests/admin-requests';

const notFound = 'No request has that id in this workspace.';
const access = { tag: 'Admin: requests', permission: 'admin.requests' } as const;

export const adminRequestsRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/requests',
      scope: 'requests:read',
      summary: 'The request queue',
      request: { query: requestQueueQuerySchema },
      responses: { 200: json('One page of requests, filtered.', requestQueuePageSchema) }
    }),
    async (c) => c.json(await listRequestsForWorkspace(c.get('db'), c.req.valid('query')), 200)
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/requests/{id}',
      scope: 'requests:read',
      summary: 'A request',
      responses: { 200: json('The request, its timeline and thread.', adminRequestDetailSchema) }
    }),
    async (c) => {
      const item = await getRequestForWorkspace(c.get('db'), c.req.param('id'));
      return item ? c.json(item, 200) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/requests/{id}/decision',
      scope: 'requests:write',
      summary: 'Approve, reject or fulfil',
      request: { body: jsonBody(requestDecisionSchema) },
      responses: {
        200: json('The new status.', decidedSchema),
        409: errorJson('`conflict`: the request changed meanwhile, or this decision does not apply now.')
      }
    }),
    async (c) => {
      const result = await decideRequestForWorkspace(
        c.get('db'),
        c.get('actor'),
        c.req.param('id'),
        c.req.valid('json')
      );
      if (result.ok) return c.json(result, 200);
      return answerServiceRefusal(c, result, notFound);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/requests/{id}/messages',
      scope: 'requests:write',
      summary: 'Write to the requester',
      request: { body: jsonBody(requestMessageSchema) },
      responses: { 201: json('The message.', idSchema) }
    }),
    async (c) => {
      // A message's author is a person (request_messages.author_id): a service token cannot write one.
      const actor = c.get('actor');
      if (actor.kind !== 'user')
        return apiError(c, 403, 'forbidden', 'A message needs a person behind it: use a personal API token.');
      const created = await addMessageForWorkspace(
        c.get('db'),
        actor,
        c.req.param('id'),
        c.req.valid('json')
      );
      if (created.ok) return c.json({ id: created.id }, 201);
      return answerForbiddenOrNotFound(c, created, notFound);
    }
  );
