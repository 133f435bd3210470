// GET /api/v1/openapi.json: the API description (openapi/document.ts), on any host.
import * as z from 'zod';
import { newRouter } from '../access/router';
import { anyHostRoute } from '../access/route-builders';
import { json } from '../access/responses';
import type { describerOf } from '../openapi/document';

const documentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string() }) });

/** `describe` makes the whole API's description (called at request time, once every route exists). */
export function openApiRoutes(describe: ReturnType<typeof describerOf>) {
  return newRouter().openapi(
    anyHostRoute({
      method: 'get',
      path: '/openapi.json',
      tag: 'Service',
      summary: 'This description (OpenAPI 3.1)',
      responses: { 200: json('The OpenAPI document.', documentSchema) }
    }),
    (c) => c.json({ ...describe(new URL(c.req.url)) }, 200)
  );
}
