// The workspace CLI when something fails: nothing is left half-made, and the message says what broke.
// Each case builds its own project, so it does not depend on the steps in workspace-cli.test.ts.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeProject, query, readConfigText } from './helpers-ops';

describe('failures leave nothing half-made', () => {
  it('undoes the binding when the tenant migrations fail halfway through a create', () => {
    const q = makeProject({ copyMigrations: true });
    try {
      writeFileSync(join(q.migrations, 'tenant', '0099_broken.sql'), 'CREATE TABLE users (id text);\n');
      const config = readConfigText(q);
      const r = cli(
        q,
        'create',
        '--slug',
        'umbrella',
        '--name',
        'Umbrella',
        '--admin-email',
        'it@umbrella.example'
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Creating "umbrella" failed');
      expect(r.stderr).toContain('table users already exists');
      expect(r.stderr).toContain('Every finished step was undone: nothing was left half-made.');
      expect(readConfigText(q)).toBe(config);
      expect(
        query(
          q,
          'DB_CONTROL',
          "SELECT (SELECT COUNT(*) FROM workspaces WHERE slug = 'umbrella') w, (SELECT COUNT(*) FROM email_outbox WHERE workspace_slug = 'umbrella') m"
        )
      ).toEqual([{ w: 0, m: 0 }]);
    } finally {
      q.cleanup();
    }
  });

  it('says clearly when the control-plane database cannot be used', () => {
    const q = makeProject({ seeded: false });
    try {
      // A configuration whose control plane was never created/migrated: the registry is unreachable.
      const r = cli(q, 'list');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Cannot use the control-plane database (DB_CONTROL, local)');
      expect(r.stderr).toContain('no such table: workspaces');
      expect(existsSync(join(q.dir, 'backups'))).toBe(false);
    } finally {
      q.cleanup();
    }
  });
});
