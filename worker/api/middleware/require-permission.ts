// /api/v1/admin/*: a signed-in user whose role grants the permission (authz/roles.ts), else 403.
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { can, type Permission } from '../../../src/lib/server/authz/roles';

export function requirePermission(permission: Permission) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth || !can(auth.user.role, permission)) {
      return apiError(c, 403, 'forbidden', 'This needs an administrator of this workspace.');
    }
    await next();
  });
}
