// Every migration has a data test, the way Fleet tests its migrations: build the database at the
// previous version, put data in it, apply the migration, and check the data and the new behaviour.
// why node:sqlite and not D1: D1 is SQLite; these tests are about what the SQL does to existing rows,
// and Node's built-in SQLite runs them in milliseconds (the CLI tests exercise the real wrangler path).
import { describe, expect, it } from 'vitest';
import { apply, databaseBefore, files, type Dir, type MigrationCase } from './migration-db';
import { CORE_MIGRATION_CASES } from './migration-cases-core';
import { INTEGRATION_MIGRATION_CASES } from './migration-cases-integrations';

// One entry a migration file. Add the new migration's case here (or in a migration-cases-*.ts file).
const CASES: Record<string, MigrationCase> = {
  ...CORE_MIGRATION_CASES,
  ...INTEGRATION_MIGRATION_CASES,
  'control/0000_init.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    apply(db, dir, name);
    db.exec(
      "INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('acme', 'Acme', 'active', 'DB_ACME', 1, 1)"
    );
    expect(() =>
      db.exec(
        "INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('other', 'O', 'active', 'DB_ACME', 1, 1)"
      )
    ).toThrow(/UNIQUE/);
  },
  'control/0001_email_outbox.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('acme', 'Acme', 'active', 'DB_ACME', 1, 2);
      INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('initech', 'Initech', 'suspended', 'DB_INITECH', 3, 4);`);
    apply(db, dir, name);
    expect(
      db
        .prepare(
          'SELECT slug, name, status, db_binding, created_at, updated_at FROM workspaces ORDER BY slug'
        )
        .all()
    ).toEqual([
      { slug: 'acme', name: 'Acme', status: 'active', db_binding: 'DB_ACME', created_at: 1, updated_at: 2 },
      {
        slug: 'initech',
        name: 'Initech',
        status: 'suspended',
        db_binding: 'DB_INITECH',
        created_at: 3,
        updated_at: 4
      }
    ]);
    db.exec(
      "INSERT INTO email_outbox (id, workspace_slug, to_address, subject, text_body, html_body, delivery, created_at) VALUES ('m1', 'acme', 'a@x.example', 'Your workspace is ready', 't', NULL, 'outbox', 5)"
    );
    expect(db.prepare('SELECT COUNT(*) n FROM email_outbox').get()).toEqual({ n: 1 });
  }
};

describe('every migration keeps existing data', () => {
  const all = (['control', 'tenant'] as Dir[]).flatMap((dir) => files(dir).map((f) => `${dir}/${f}`));

  it('has a data test for every migration file (add one to CASES with each new migration)', () => {
    expect(all.filter((m) => !(m in CASES))).toEqual([]);
  });

  for (const m of all) {
    it.runIf(m in CASES)(m, () => {
      const [dir, name] = m.split('/') as [Dir, string];
      CASES[m](dir, name);
    });
  }
});
