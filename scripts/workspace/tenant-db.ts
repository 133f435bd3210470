// A workspace's own D1 database: create, migrate, delete. Local databases need no creation call
// (wrangler creates the SQLite file on first use under <config dir>/.wrangler/state); they only need
// an id that no other binding uses.
import { randomUUID } from 'node:crypto';
import { bindingForSlug, databaseNameForSlug } from './config.ts';
import { cleanOutput, runWrangler, type Target } from './wrangler.ts';

export interface NewDatabase {
  binding: string;
  databaseName: string;
  databaseId: string;
}

export function createDatabase(t: Target, slug: string): NewDatabase {
  const binding = bindingForSlug(slug);
  const databaseName = databaseNameForSlug(slug);
  if (t.deployment === 'local') return { binding, databaseName, databaseId: randomUUID() };
  const out = runWrangler(t, ['d1', 'create', databaseName], { location: false });
  const id = out.match(/database_id"?\s*[:=]\s*"([0-9a-f-]{36})"/)?.[1];
  if (!id) throw new Error(`wrangler d1 create ${databaseName} printed no database_id:\n${cleanOutput(out)}`);
  return { binding, databaseName, databaseId: id };
}

/** Production: deletes the D1 database. Local: nothing to call (the unreferenced file is cleared by dev:reset). */
export function deleteDatabase(t: Target, databaseName: string): void {
  if (t.deployment === 'production')
    runWrangler(t, ['d1', 'delete', databaseName, '--skip-confirmation'], { location: false });
}

/** Applies pending migrations (wrangler records them in d1_migrations, so re-running is safe). */
export function applyMigrations(t: Target, binding: string): { applied: string[] } {
  const out = runWrangler(t, ['d1', 'migrations', 'apply', binding]);
  // Wrangler redraws its progress table as it goes: keep each name once.
  const applied = [...new Set([...out.matchAll(/│\s*(\S+\.sql)\s*│\s*✅/g)].map((m) => m[1]))];
  return { applied };
}
