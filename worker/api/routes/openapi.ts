// GET /api/v1/openapi.json: the API description (openapi/document.ts), on any host.
import { z } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../types';
import { newRouter } from '../access/router';
import { anyHostRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { apiDescription } from '../openapi/document';

const documentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string() }) });

/** `app` is the whole API (read at request time, once every route is registered). */
export function openApiRoutes(app: () => OpenAPIHono<ApiEnv>) {
  return newRouter().openapi(
    anyHostRoute({
      method: 'get',
      path: '/openapi.json',
      tag: 'Service',
      summary: 'This description (OpenAPI 3.1)',
      responses: { 200: json('The OpenAPI document.', documentSchema) }
    }),
    (c) => c.json({ ...apiDescription(app(), new URL(c.req.url)) }, 200)
  );
}
