// Test setup for the e2e run: SQL straight into the local D1 of the running `wrangler dev`
// (its --persist-to folder). Used only to create throw-away users, so that these tests never change
// the demo accounts other e2e files sign in with.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

export function runTenantSql(binding: 'DB_ACME' | 'DB_GLOBEX', sql: string): void {
  const state = join(ROOT, '.wrangler', `e2e-state-${inject('e2ePort')}`);
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'd1',
      'execute',
      binding,
      '--local',
      '--persist-to',
      state,
      '--command',
      sql
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }
    }
  );
}

/** Copies Grace (password demo-password-2026, no data) into new employees with these emails. */
export function cloneDemoUsers(emails: string[]): void {
  const rows = emails
    .map(
      (e, i) =>
        `SELECT 'e2e-${Date.now()}-${i}', '${e}', 'E2E ${e.split('@')[0]}', 'employee', 'active', password_hash, 'system', created_at, updated_at FROM users WHERE email = 'grace@acme.example'`
    )
    .join(' UNION ALL ');
  runTenantSql(
    'DB_ACME',
    `INSERT INTO users (id, email, name, role, status, password_hash, theme, created_at, updated_at) ${rows}`
  );
}
