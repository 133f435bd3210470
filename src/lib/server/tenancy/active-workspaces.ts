// Every active workspace with its tenant database, for jobs that run outside a request (the daily
// Cron Trigger). Suspended workspaces are left out. A registry row whose binding is missing from
// this deploy is returned with db = null, so the caller can log it and carry on with the others.
import { asc, eq } from 'drizzle-orm';
import { openControlDb, openTenantDb, type TenantDb } from '../db';
import { workspaces } from '../db/control-schema';
import type { TenancyEnv } from './resolve';

export interface ActiveWorkspace {
  slug: string;
  name: string;
  db: TenantDb | null;
}

export async function listActiveWorkspaces(env: TenancyEnv): Promise<ActiveWorkspace[]> {
  const rows = await openControlDb(env.DB_CONTROL)
    .select({ slug: workspaces.slug, name: workspaces.name, binding: workspaces.dbBinding })
    .from(workspaces)
    .where(eq(workspaces.status, 'active'))
    .orderBy(asc(workspaces.slug));
  return rows.map((w) => {
    // Invariant (as resolve.ts): only the binding the registry names for this slug is opened.
    const binding = (env as unknown as Record<string, unknown>)[w.binding];
    const isD1 =
      typeof binding === 'object' &&
      binding !== null &&
      typeof (binding as D1Database).prepare === 'function';
    return { slug: w.slug, name: w.name, db: isD1 ? openTenantDb(binding as D1Database) : null };
  });
}
