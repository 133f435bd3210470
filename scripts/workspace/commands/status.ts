// `workspace suspend|resume --slug X`: flips the registry status with a conditional UPDATE (the
// database decides, not a read-then-write) and records the change in the workspace's audit log.
// A suspended workspace's pages say "This workspace is suspended" (tenancy/resolve.ts).
import type { WorkspaceStatus } from '../../../src/lib/server/db/control-schema.ts';
import { readConfig, tenantBlocks } from '../config.ts';
import { CliError } from '../errors.ts';
import { controlQuery, findRegistryRow } from '../registry.ts';
import { assertValidSlug } from '../slug.ts';
import { d1Query, type Target } from '../wrangler.ts';
import { sqlLiteral } from '../../seed/sql.ts';

export function setWorkspaceStatus(
  t: Target,
  slugArg: string | undefined,
  to: WorkspaceStatus,
  log: (line: string) => void
): void {
  const slug = assertValidSlug(slugArg);
  const from: WorkspaceStatus = to === 'suspended' ? 'active' : 'suspended';
  const now = Date.now();
  // The database decides: only a row in the other state changes. Zero rows → explain why.
  const changed = controlQuery<{ db_binding: string }>(
    t,
    `UPDATE workspaces SET status = ${sqlLiteral(to)}, updated_at = ${now} WHERE slug = ${sqlLiteral(slug)} AND status = ${sqlLiteral(from)} RETURNING db_binding`
  )[0];
  if (changed.length !== 1) {
    const row = findRegistryRow(t, slug);
    if (!row) throw new CliError(`No workspace "${slug}" is registered. Nothing was changed.`);
    throw new CliError(`Workspace "${slug}" is already ${row.status}. Nothing was changed.`);
  }
  const row = changed[0];
  // The tenant's own audit log gets the event too, when its database is bound here.
  if (tenantBlocks(readConfig(t.configPath), t.deployment).some((b) => b.binding === row.db_binding)) {
    d1Query(t, row.db_binding, {
      command: `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, created_at) VALUES (NULL, ${sqlLiteral(`workspace.${to === 'suspended' ? 'suspended' : 'resumed'}`)}, 'workspace', ${sqlLiteral(slug)}, ${sqlLiteral(JSON.stringify({ status: from }))}, ${sqlLiteral(JSON.stringify({ status: to }))}, ${now})`
    });
  }
  log(
    `✔ Workspace ${slug} is ${to === 'suspended' ? 'suspended: its pages now say so and nobody can sign in' : 'active again'}.`
  );
}
