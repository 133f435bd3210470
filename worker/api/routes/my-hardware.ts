// /api/v1/my/hardware: the signed-in person's own devices (same services as the My hardware pages).
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { pageQuerySchema, problemReportSchema } from '../../../src/lib/contracts/my';
import { idSchema } from '../../../src/lib/contracts/responses/common';
import {
  acknowledgedSchema,
  myHardwareDetailSchema,
  myHardwarePageSchema
} from '../../../src/lib/contracts/responses/my-hardware';
import { getHardwareForUser, listHardwareForUser } from '../../../src/lib/server/hardware/my-hardware';
import { acknowledgeHardwareForUser } from '../../../src/lib/server/hardware/acknowledge-receipt';
import { reportProblemForUser } from '../../../src/lib/server/hardware/report-problem';

const notFound = 'No hardware item of yours has that id.';
const tag = 'My hardware';

export const myHardwareRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/hardware',
      tag,
      scope: 'my:read',
      summary: 'List your hardware',
      request: { query: pageQuerySchema },
      responses: {
        200: json('One page of your devices, most recently assigned first.', myHardwarePageSchema)
      }
    }),
    async (c) =>
      c.json(await listHardwareForUser(c.get('db'), c.get('actor').userId, c.req.valid('query').page), 200)
  )
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/hardware/{id}',
      tag,
      scope: 'my:read',
      summary: 'One of your devices',
      responses: { 200: json('The device with its software and problem reports.', myHardwareDetailSchema) }
    }),
    async (c) => {
      const item = await getHardwareForUser(c.get('db'), c.get('actor').userId, c.req.param('id'));
      return item ? c.json(item, 200) : apiError(c, 404, 'not_found', notFound);
    }
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/hardware/{id}/acknowledge',
      tag,
      scope: 'my:write',
      summary: 'Acknowledge receipt of a device',
      responses: { 200: json('Recorded (once; a repeat says it was already).', acknowledgedSchema) }
    }),
    async (c) => {
      const result = await acknowledgeHardwareForUser(c.get('db'), c.get('actor').userId, c.req.param('id'));
      if (!result.ok) return apiError(c, 404, 'not_found', notFound);
      return c.json(result, 200);
    }
  )
  .openapi(
    userRoute({
      method: 'post',
      path: '/my/hardware/{id}/problems',
      tag,
      scope: 'my:write',
      summary: 'Report a problem with a device',
      request: { body: jsonBody(problemReportSchema) },
      responses: { 201: json('The problem report IT will see.', idSchema) }
    }),
    async (c) => {
      const actor = c.get('actor');
      const user = { id: actor.userId, name: actor.name };
      const created = await reportProblemForUser(c.get('db'), user, c.req.param('id'), c.req.valid('json'));
      return created ? c.json(created, 201) : apiError(c, 404, 'not_found', notFound);
    }
  );
