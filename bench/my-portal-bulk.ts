// Bench data for the My portal lists: one Acme user (katherine@acme.example) with 200 devices and
// 200 requests, so /my/hardware and /my/requests are measured at a realistic "many items" size.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BULK_USER = 'katherine@acme.example';
export const BULK_ITEMS = 200;

export function bulkUserSql(now = Date.now()): string {
  const user = `(SELECT id FROM users WHERE email = '${BULK_USER}')`;
  const lines: string[] = [];
  for (let i = 1; i <= BULK_ITEMS; i++) {
    const tag = `BULK-${String(i).padStart(4, '0')}`;
    const at = now - i * 3_600_000;
    lines.push(
      `INSERT OR IGNORE INTO hardware_assets (id, asset_tag, serial, model_id, location_id, status, assigned_to, assigned_at, acknowledgement_requested, acknowledged_at, created_at, updated_at) ` +
        `VALUES ('bulk-asset-${i}', '${tag}', NULL, (SELECT id FROM hardware_models ORDER BY name LIMIT 1), (SELECT id FROM locations ORDER BY name LIMIT 1), 'assigned', ${user}, ${at}, 1, ${i % 2 ? at : 'NULL'}, ${at}, ${at});`,
      `INSERT OR IGNORE INTO requests (id, user_id, type, title, justification, urgency, status, created_at, updated_at) ` +
        `VALUES ('bulk-request-${i}', ${user}, 'hardware', 'Bulk request ${i}', 'Bench data.', 'low', '${['pending', 'approved', 'rejected', 'fulfilled', 'cancelled'][i % 5]}', ${at}, ${at});`
    );
  }
  return lines.join('\n');
}

/** Loads the bulk rows into the bench state's Acme database (before wrangler dev starts). */
export function seedBulkUser(root: string, state: string, wrangler: string, env: NodeJS.ProcessEnv) {
  const file = join(state, 'bulk-user.sql');
  writeFileSync(file, bulkUserSql());
  execFileSync(
    process.execPath,
    [wrangler, 'd1', 'execute', 'DB_ACME', '--local', '--persist-to', state, '--file', file],
    { cwd: root, env, stdio: 'ignore' }
  );
}
