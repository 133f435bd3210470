// /api/v1/my/requests: raise, follow, message and cancel the person's own requests.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { newRequestSchema, pageQuerySchema, requestMessageSchema } from '../../../src/lib/contracts/my';
import { idSchema } from '../../../src/lib/contracts/responses/common';
import {
  cancelledSchema,
  myRequestDetailSchema,
  myRequestPageSchema,
  requestFormOptionsSchema
} from '../../../src/lib/contracts/responses/my';
import { errorJson } from '../access/responses';
import {
  addMessageForUser,
  cancelRequestForUser,
  getRequestForUser,
  listRequestsForUser
} from '../../../src/lib/server/requests/my-requests';
import { createRequestForUser, getRequestFormOptions } from '../../../src/lib/server/requests/create-request';
import { cancelRefusal } from '../../../src/lib/server/requests/messages';

const notFound = 'No request of yours has that id.';
const tag = 'My requests';

export const myRequestsRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/requests',
      tag,
      scope: 'my:read',
      summary: 'List your requests',
      request: { query: pageQuerySchema },
      responses: { 200: json('One page of your requests, newest first.', myRequestPageSchema) }
    }),
    async (c) =>
      c.json(await listRequestsForUser(c.get('db'), c.get('actor').userId, c.req.valid('query').page), 200)
  )
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/requests/options',
      tag,
      scope: 'my:read',
      summary: 'Choices for a new request',
      responses: { 200: json('Hardware categories and approved software.', requestFormOptionsSchema) }
    }),
    async (c) => c.json(await getRequestFormOptions(c.get('db')), 200)
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/requests',
      tag,
      scope: 'my:write',
      summary: 'Raise a request',
      request: { body: jsonBody(newRequestSchema) },
      responses: { 201: json('The new request.', myRequestDetailSchema) }
    }),
    async (c) => {
      const actor = c.get('actor');
      const user = { id: actor.userId, name: actor.name };
      const result = await createRequestForUser(c.get('db'), user, c.req.valid('json'));
      if (!result.ok)
        return apiError(c, 400, 'validation_failed', 'Some fields need attention.', result.fields);
      const created = await getRequestForUser(c.get('db'), actor.userId, result.id);
      if (!created) return apiError(c, 404, 'not_found', notFound);
      return c.json(created, 201);
    }
  )
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/requests/{id}',
      tag,
      scope: 'my:read',
      summary: 'One of your requests',
      responses: { 200: json('The request with its timeline and messages.', myRequestDetailSchema) }
    }),
    async (c) => {
      const item = await getRequestForUser(c.get('db'), c.get('actor').userId, c.req.param('id'));
      return item ? c.json(item, 200) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/requests/{id}/messages',
      tag,
      scope: 'my:write',
      summary: 'Write to IT in a request’s thread',
      request: { body: jsonBody(requestMessageSchema) },
      responses: { 201: json('The message.', idSchema) }
    }),
    async (c) => {
      const actor = c.get('actor');
      const user = { id: actor.userId, name: actor.name };
      const created = await addMessageForUser(c.get('db'), user, c.req.param('id'), c.req.valid('json'));
      return created ? c.json(created, 201) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/requests/{id}/cancel',
      tag,
      scope: 'my:write',
      summary: 'Cancel a pending or approved request',
      responses: {
        200: json('Cancelled.', cancelledSchema),
        409: errorJson('`conflict`: the request can no longer be cancelled (its status says why).')
      }
    }),
    async (c) => {
      const result = await cancelRequestForUser(c.get('db'), c.get('actor').userId, c.req.param('id'));
      if (result.ok) return c.json(result, 200);
      if (result.code === 'not_found') return apiError(c, 404, 'not_found', notFound);
      return apiError(c, 409, 'conflict', cancelRefusal(result.status));
    }
  );
