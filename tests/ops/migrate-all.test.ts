// `workspace migrate` across tenants: a new migration reaches the control plane and three tenant
// databases (two seeded demo workspaces and a fresh one), data survives, re-running is a no-op, and a
// failing migration stops at the first tenant and leaves the rest untouched.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli, makeProject, queries, readConfigText, type OpsProject } from './helpers-ops';
import { withTenantBinding } from '../../scripts/workspace/config';

let p: OpsProject;
beforeAll(() => {
  p = makeProject({ copyMigrations: true });
  // A third tenant database, bound but never migrated (as after a restore from an old config).
  writeFileSync(
    p.config,
    withTenantBinding(readConfigText(p), 'local', {
      binding: 'DB_UMBRELLA',
      databaseName: 'ontrackio-tenant-umbrella',
      databaseId: '7f1f2a9e-3c1b-4a43-9a51-0a0000000003'
    })
  );
  writeFileSync(
    join(p.migrations, 'tenant', '0002_location_notes.sql'),
    "ALTER TABLE `locations` ADD `notes` text DEFAULT '' NOT NULL;\n--> statement-breakpoint\nCREATE INDEX `locations_notes_idx` ON `locations` (`notes`);\n"
  );
});
afterAll(() => p.cleanup());

it('applies pending migrations to the control plane and every tenant, reporting each', () => {
  const r = cli(p, 'migrate');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Migrating 4 databases (local): DB_CONTROL, DB_ACME, DB_GLOBEX, DB_UMBRELLA');
  expect(r.stdout).toContain('✔ DB_CONTROL: up to date');
  expect(r.stdout).toContain('✔ DB_ACME: applied 0002_location_notes.sql');
  expect(r.stdout).toContain('✔ DB_GLOBEX: applied 0002_location_notes.sql');
  expect(r.stdout).toContain(
    '✔ DB_UMBRELLA: applied 0000_init.sql, 0001_audit_log_append_only.sql, 0002_location_notes.sql'
  );
  // The demo's initech row has no database in this configuration: reported, not silently skipped.
  expect(r.stdout).toContain('! initech: registered with DB_INITECH, which is not in the configuration');

  // Acme's data is still there, with the new column's default.
  const [locations, users] = queries<Record<string, unknown>>(p, 'DB_ACME', [
    'SELECT name, notes FROM locations ORDER BY name',
    'SELECT COUNT(*) n FROM users'
  ]);
  expect(locations).toEqual([
    { name: 'Berlin Office', notes: '' },
    { name: 'London HQ', notes: '' },
    { name: 'Remote', notes: '' }
  ]);
  expect(users[0].n).toBe(12);
});

it('is safe to re-run: every database reports up to date', () => {
  const r = cli(p, 'migrate');
  expect(r.code).toBe(0);
  for (const b of ['DB_CONTROL', 'DB_ACME', 'DB_GLOBEX', 'DB_UMBRELLA'])
    expect(r.stdout).toContain(`✔ ${b}: up to date`);
});

it('stops at the first failing tenant, leaves the others untouched, and says what to do', () => {
  writeFileSync(join(p.migrations, 'tenant', '0003_broken.sql'), 'INSERT INTO no_such_table VALUES (1);\n');
  const r = cli(p, 'migrate');
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('✔ DB_CONTROL: up to date');
  expect(r.stderr).toContain('✘ DB_ACME: migration failed');
  expect(r.stderr).toContain('no such table: no_such_table');
  expect(r.stderr).toContain('not attempted: DB_GLOBEX, DB_UMBRELLA');
  expect(r.stderr).toContain('run `npm run workspace -- migrate` again');
  const latest = (binding: string) =>
    queries<{ name: string }>(p, binding, ['SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1'])[0][0]
      .name;
  expect(latest('DB_ACME')).toBe('0002_location_notes.sql');
  expect(latest('DB_GLOBEX')).toBe('0002_location_notes.sql');
});
