// Restore drill: Acme exported to a file and imported into a new workspace has identical content:
// the same row count in every table, and a byte-identical SQL dump of the restored database.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, cli, makeProject, query, readConfigText, type OpsProject } from './helpers-ops';

let p: OpsProject;
beforeAll(() => {
  p = makeProject();
});
afterAll(() => p.cleanup());

it('restores a backup of Acme into a new workspace with identical content', () => {
  const backup = join(p.dir, 'acme.json');
  const ex = cli(p, 'export', '--slug', 'acme', '--out', backup);
  expect(ex.stderr).toBe('');
  expect(ex.code).toBe(0);
  const original = JSON.parse(readFileSync(backup, 'utf8'));
  expect(original.workspace).toMatchObject({ slug: 'acme', name: 'Acme Corporation', db_binding: 'DB_ACME' });
  // The demo seed's sizes (scripts/seed/demo-seed.ts): the backup is the whole database, not a sample.
  const tenantMigrations = readdirSync(join(ROOT, 'migrations', 'tenant')).filter((f) =>
    f.endsWith('.sql')
  ).length;
  expect(original.tables).toMatchObject({
    users: 12,
    hardware_assets: 44,
    software_products: 12,
    locations: 3,
    d1_migrations: tenantMigrations
  });

  const im = cli(p, 'import', '--file', backup, '--slug', 'acme-restored', '--name', 'Acme (restored)');
  expect(im.stderr).toBe('');
  expect(im.code).toBe(0);
  expect(readConfigText(p)).toContain('binding = "DB_ACME_RESTORED"');
  expect(
    query(p, 'DB_CONTROL', "SELECT name, status, db_binding FROM workspaces WHERE slug = 'acme-restored'")
  ).toEqual([{ name: 'Acme (restored)', status: 'active', db_binding: 'DB_ACME_RESTORED' }]);

  const copy = join(p.dir, 'acme-restored.json');
  expect(cli(p, 'export', '--slug', 'acme-restored', '--out', copy).code).toBe(0);
  const restored = JSON.parse(readFileSync(copy, 'utf8'));
  expect(restored.tables).toEqual(original.tables);
  expect(restored.schema).toBe(original.schema);
  expect(restored.data).toBe(original.data);
  expect(restored.data).toContain("'ada@acme.example'");
});

it('refuses to import over an existing workspace or from a file that is not an export', () => {
  const backup = join(p.dir, 'acme.json');
  const dup = cli(p, 'import', '--file', backup, '--slug', 'globex');
  expect(dup.code).toBe(2);
  expect(dup.stderr).toContain('A workspace with the slug "globex" already exists');
  const junk = cli(p, 'import', '--file', p.config, '--slug', 'junk');
  expect(junk.code).toBe(2);
  expect(junk.stderr).toContain('as a workspace export');
});
