// Request → site: the one place that chooses a database. The tenant comes from the host only,
// never from a body field or a client header (DESIGN §3).
import { eq } from 'drizzle-orm';
import { openControlDb, openTenantDb, type TenantDb } from '../db';
import { workspaces, type WorkspaceStatus } from '../db/control-schema';
import { classifyHost } from './host';

export interface WorkspaceInfo {
  slug: string;
  name: string;
  status: WorkspaceStatus;
}

export type Site =
  | { kind: 'central' }
  | { kind: 'unknown' }
  | { kind: 'suspended'; workspace: WorkspaceInfo }
  | { kind: 'workspace'; workspace: WorkspaceInfo; db: TenantDb };

/** The subset of the Worker env that tenancy needs; bindings are looked up by name. */
export interface TenancyEnv {
  APP_HOST: string;
  DB_CONTROL: D1Database;
}

function isD1(value: unknown): value is D1Database {
  return typeof value === 'object' && value !== null && typeof (value as D1Database).prepare === 'function';
}

export async function resolveSite(env: TenancyEnv, hostname: string): Promise<Site> {
  const host = classifyHost(hostname, env.APP_HOST);
  if (host.kind === 'central') return { kind: 'central' };
  if (host.kind === 'foreign') return { kind: 'unknown' };

  const control = openControlDb(env.DB_CONTROL);
  const row = await control.query.workspaces.findFirst({ where: eq(workspaces.slug, host.slug) });
  if (!row) return { kind: 'unknown' };

  const workspace: WorkspaceInfo = { slug: row.slug, name: row.name, status: row.status };
  if (row.status !== 'active') return { kind: 'suspended', workspace };

  // Invariant: only a binding named in the registry is ever opened, and only for its own slug.
  const binding = (env as unknown as Record<string, unknown>)[row.dbBinding];
  if (!isD1(binding)) {
    console.error(
      JSON.stringify({ event: 'tenancy.binding_missing', slug: row.slug, binding: row.dbBinding })
    );
    return { kind: 'unknown' };
  }
  return { kind: 'workspace', workspace, db: openTenantDb(binding) };
}
