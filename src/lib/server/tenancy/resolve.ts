// Request → site: the one place that chooses a database. The tenant comes from the host only,
// never from a body field or a client header (DESIGN §3).
import { openTenantDb, type TenantDb } from '../db';
import type { WorkspaceStatus } from '../db/control-schema';
import { classifyHost } from './host';
import { lastKnownBinding, registryEntry } from './registry-cache';

export interface WorkspaceInfo {
  slug: string;
  name: string;
  status: WorkspaceStatus;
}

export type Site =
  | { kind: 'central' }
  | { kind: 'unknown' }
  | { kind: 'suspended'; workspace: WorkspaceInfo }
  | {
      kind: 'workspace';
      workspace: WorkspaceInfo;
      /** The request's tenant handle (for the primary, or a read session: db/read-session.ts). */
      db: TenantDb;
      /** The tenant's D1 binding, for opening a read session; never chosen by anything else. */
      binding: D1Database;
    };

/** The subset of the Worker env that tenancy needs; bindings are looked up by name. */
export interface TenancyEnv {
  APP_HOST: string;
  DB_CONTROL: D1Database;
}

/**
 * The tenant binding `slug` had when the registry was last read in this isolate (possibly longer ago
 * than the cache's bound), for reads started before the registry answers. Use what is read through
 * it only if resolveSite then returns a workspace with this same binding.
 */
export function lastKnownTenantBinding(env: TenancyEnv, slug: string): D1Database | null {
  const name = lastKnownBinding(env.DB_CONTROL, slug);
  const binding = name ? (env as unknown as Record<string, unknown>)[name] : undefined;
  return isD1(binding) ? binding : null;
}

function isD1(value: unknown): value is D1Database {
  return typeof value === 'object' && value !== null && typeof (value as D1Database).prepare === 'function';
}

/** The workspace slug a host names, before any storage is read (null: central or foreign host). */
export function workspaceSlugOf(env: TenancyEnv, hostname: string): string | null {
  const host = classifyHost(hostname, env.APP_HOST);
  return host.kind === 'workspace' ? host.slug : null;
}

// The registry row may be up to REGISTRY_TTL_MS old (registry-cache.ts states the bound).
export async function resolveSite(env: TenancyEnv, hostname: string): Promise<Site> {
  const host = classifyHost(hostname, env.APP_HOST);
  if (host.kind === 'central') return { kind: 'central' };
  if (host.kind === 'foreign') return { kind: 'unknown' };

  const row = await registryEntry(env.DB_CONTROL, host.slug);
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
  return { kind: 'workspace', workspace, db: openTenantDb(binding), binding };
}
