// /api/v1/admin/*: one small router per resource, each guarded by its permission (authz/roles.ts).
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { adminRequestsRoutes } from './admin-requests';

export const adminRoutes = new Hono<ApiEnv>().route('/', adminRequestsRoutes);
