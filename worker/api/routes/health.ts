import { Hono } from 'hono';
import type { ApiEnv } from '../types';

// Liveness for load balancers and the benchmark: touches no database.
export const healthRoutes = new Hono<ApiEnv>().get('/health', (c) =>
  c.json({ status: 'ok', service: 'ontrackio', time: new Date().toISOString() })
);
