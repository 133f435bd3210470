// Liveness for load balancers and the benchmark: any host, touches no database.
import * as z from 'zod';
import { newRouter } from '../access/router';
import { anyHostRoute } from '../access/route-builders';
import { json } from '../access/responses';

const healthSchema = z.strictObject({ status: z.literal('ok'), service: z.string(), time: z.string() });

export const healthRoutes = newRouter().openapi(
  anyHostRoute({
    method: 'get',
    path: '/health',
    tag: 'Service',
    summary: 'Liveness',
    responses: { 200: json('The Worker is up.', healthSchema) }
  }),
  (c) => c.json({ status: 'ok' as const, service: 'ontrackio', time: new Date().toISOString() }, 200)
);
