// The control-plane registry (`workspaces` in DB_CONTROL), read and written through wrangler.
import { CONTROL_BINDING } from './config.ts';
import { CliError } from './errors.ts';
import { d1Query, WranglerError, type Target } from './wrangler.ts';
import { sqlLiteral } from '../seed/sql.ts';
import type { WorkspaceStatus } from '../../src/lib/server/db/control-schema.ts';

export interface RegistryRow {
  slug: string;
  name: string;
  status: WorkspaceStatus;
  db_binding: string;
  created_at: number;
  updated_at: number;
}

/** Runs a query on the control plane; an unreachable or unmigrated control plane is a clear error. */
export function controlQuery<T = Record<string, unknown>>(t: Target, command: string): T[][] {
  try {
    return d1Query<T>(t, CONTROL_BINDING, { command });
  } catch (err) {
    if (err instanceof WranglerError) {
      throw new CliError(
        `Cannot use the control-plane database (${CONTROL_BINDING}, ${t.deployment}).\n` +
          `Is it created and migrated? (local: npm run setup:local; production: docs/operations.md)\n${err.output}`,
        1
      );
    }
    throw err;
  }
}

export function listRegistry(t: Target): RegistryRow[] {
  return controlQuery<RegistryRow>(
    t,
    'SELECT slug, name, status, db_binding, created_at, updated_at FROM workspaces ORDER BY slug'
  )[0];
}

export function findRegistryRow(t: Target, slug: string): RegistryRow | undefined {
  return controlQuery<RegistryRow>(
    t,
    `SELECT slug, name, status, db_binding, created_at, updated_at FROM workspaces WHERE slug = ${sqlLiteral(slug)}`
  )[0][0];
}
