// One active workspace's tenant database by slug, for work that runs outside a request (a Durable
// Object's alarm, a scheduled job). Null when the workspace is unknown, suspended, or its binding is
// missing from this deploy. Same invariant as resolve.ts: only the binding the registry names.
import { eq } from 'drizzle-orm';
import { openControlDb, openTenantDb, type TenantDb } from '../db';
import { workspaces } from '../db/control-schema';
import type { TenancyEnv } from './resolve';

export async function openActiveWorkspaceDb(env: TenancyEnv, slug: string): Promise<TenantDb | null> {
  const row = await openControlDb(env.DB_CONTROL)
    .select({ binding: workspaces.dbBinding, status: workspaces.status })
    .from(workspaces)
    .where(eq(workspaces.slug, slug))
    .get();
  if (!row || row.status !== 'active') return null;
  const binding = (env as unknown as Record<string, unknown>)[row.binding];
  const isD1 =
    typeof binding === 'object' && binding !== null && typeof (binding as D1Database).prepare === 'function';
  return isD1 ? openTenantDb(binding as D1Database) : null;
}
