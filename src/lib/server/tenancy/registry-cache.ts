// The workspace registry row per slug, kept in the isolate for REGISTRY_TTL_MS so that a page does not
// wait for a control-plane query before it can open the tenant database.
//
// Bound (docs/architecture.md, "Tenancy"): a registry change (a workspace suspended, reactivated,
// renamed or moved to another binding) takes effect on every isolate within REGISTRY_TTL_MS of its
// commit. An entry is never served past its age; a slug with no row is never cached, so a workspace
// created a moment ago answers at once. The cache holds only registry facts (no tenant data, nothing
// per user) and is keyed by the control-plane binding as well, so two environments never share it.
import { eq } from 'drizzle-orm';
import { openControlDb } from '../db';
import { workspaces, type WorkspaceStatus } from '../db/control-schema';

export const REGISTRY_TTL_MS = 5_000;

export interface RegistryEntry {
  slug: string;
  name: string;
  status: WorkspaceStatus;
  dbBinding: string;
}

interface Cached {
  entry: RegistryEntry;
  fetchedAt: number;
}

const cache = new WeakMap<D1Database, Map<string, Cached>>();

async function readRegistry(control: D1Database, slug: string): Promise<RegistryEntry | null> {
  const row = await openControlDb(control).query.workspaces.findFirst({
    columns: { slug: true, name: true, status: true, dbBinding: true },
    where: eq(workspaces.slug, slug)
  });
  return row ?? null;
}

/** The registry row for `slug`, at most REGISTRY_TTL_MS old; null when there is none. */
export async function registryEntry(
  control: D1Database,
  slug: string,
  now = Date.now()
): Promise<RegistryEntry | null> {
  let bySlug = cache.get(control);
  if (!bySlug) cache.set(control, (bySlug = new Map()));
  const hit = bySlug.get(slug);
  // `now < fetchedAt` only when the clock went back: refetch rather than trust the entry.
  if (hit && now >= hit.fetchedAt && now - hit.fetchedAt < REGISTRY_TTL_MS) return hit.entry;
  const entry = await readRegistry(control, slug);
  if (entry) bySlug.set(slug, { entry, fetchedAt: now });
  else bySlug.delete(slug);
  return entry;
}

/**
 * The binding name the registry gave for `slug` when it was last read, however long ago, or null.
 * Only a guess, for starting work early: whatever is read through it is used only if the current
 * registry row (registryEntry) names the same binding.
 */
export function lastKnownBinding(control: D1Database, slug: string): string | null {
  return cache.get(control)?.get(slug)?.entry.dbBinding ?? null;
}
