// Data tests for the tenant migrations of sign-in, SSO, SAML, the audit log and licence reminders.
import { expect } from 'vitest';
import { databaseBefore, apply, tables, type MigrationCase } from './migration-db';

export const CORE_MIGRATION_CASES: Record<string, MigrationCase> = {
  'tenant/0000_init.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    expect(tables(db)).toEqual([]);
    apply(db, dir, name);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'auth_tokens',
        'hardware_assets',
        'licences',
        'loans',
        'requests',
        'agent_devices',
        'audit_log'
      ])
    );
    db.prepare(
      "INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'a@x.example', 'A', 'admin', 'invited', 'system', 1, 1)"
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u2', 'a@x.example', 'B', 'employee', 'active', 'system', 1, 1)"
        )
        .run()
    ).toThrow(/UNIQUE/);
  },
  'tenant/0001_audit_log_append_only.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'a@x.example', 'A', 'admin', 'active', 'system', 1, 1);
      INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, created_at) VALUES ('u1', 'user.created', 'user', 'u1', NULL, '{}', 10);
      INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, created_at) VALUES ('u1', 'user.updated', 'user', 'u1', '{}', '{"name":"A"}', 11);`);
    apply(db, dir, name);
    expect(db.prepare('SELECT action, created_at FROM audit_log ORDER BY id').all()).toEqual([
      { action: 'user.created', created_at: 10 },
      { action: 'user.updated', created_at: 11 }
    ]);
    expect(() => db.exec("UPDATE audit_log SET action = 'x'")).toThrow('audit_log is append-only');
    expect(() => db.exec('DELETE FROM audit_log')).toThrow('audit_log is append-only');
    db.exec("INSERT INTO audit_log (action, entity_type, created_at) VALUES ('user.suspended', 'user', 12)");
    expect(db.prepare('SELECT COUNT(*) n FROM audit_log').get()).toEqual({ n: 3 });
  },
  'tenant/0002_sso.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(
      "INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'ada@acme.example', 'Ada', 'employee', 'active', 'system', 1, 1)"
    );
    apply(db, dir, name);
    expect(db.prepare('SELECT id, email FROM users').all()).toEqual([
      { id: 'u1', email: 'ada@acme.example' }
    ]);
    db.exec(
      "INSERT INTO sso_connections (id, kind, name, created_at, updated_at) VALUES ('c1', 'google', 'Google', 1, 1)"
    );
    // One Google connection per workspace, enforced by the database; SAML connections may be many.
    expect(() =>
      db.exec(
        "INSERT INTO sso_connections (id, kind, name, created_at, updated_at) VALUES ('c2', 'google', 'Google 2', 1, 1)"
      )
    ).toThrow(/UNIQUE/);
    db.exec(
      "INSERT INTO sso_connections (id, kind, name, created_at, updated_at) VALUES ('s1', 'saml', 'Okta', 1, 1), ('s2', 'saml', 'JumpCloud', 1, 1)"
    );
    expect(() =>
      db.exec(
        "INSERT INTO sso_connections (id, kind, name, created_at, updated_at) VALUES ('x', 'ldap', 'X', 1, 1)"
      )
    ).toThrow(/CHECK/);
    db.exec(
      "INSERT INTO sso_identities (connection_id, subject, user_id, email, created_at, last_used_at) VALUES ('c1', 'sub-1', 'u1', 'ada@acme.example', 1, 1)"
    );
    // Identities are keyed by (connection, subject), never by email alone.
    expect(() =>
      db.exec(
        "INSERT INTO sso_identities (connection_id, subject, user_id, email, created_at, last_used_at) VALUES ('c1', 'sub-1', 'u1', 'other@acme.example', 1, 1)"
      )
    ).toThrow(/UNIQUE|PRIMARY/);
  },
  'tenant/0003_saml.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'ada@acme.example', 'Ada', 'employee', 'active', 'system', 1, 1);
      INSERT INTO sso_connections (id, kind, name, saml_idp_entity_id, saml_sso_url, saml_certificate, created_at, updated_at) VALUES ('s1', 'saml', 'Okta', 'http://idp', 'https://idp/sso', 'MIIC', 1, 2);
      INSERT INTO sso_identities (connection_id, subject, user_id, email, created_at, last_used_at) VALUES ('s1', 'ada@acme.example', 'u1', 'ada@acme.example', 1, 1);`);
    apply(db, dir, name);
    expect(db.prepare('SELECT id, name, saml_idp_entity_id, updated_at FROM sso_connections').all()).toEqual([
      { id: 's1', name: 'Okta', saml_idp_entity_id: 'http://idp', updated_at: 2 }
    ]);
    expect(db.prepare('SELECT subject FROM sso_identities').all()).toEqual([{ subject: 'ada@acme.example' }]);
    db.exec(
      "INSERT INTO saml_requests (id, connection_id, next, created_at, expires_at) VALUES ('_r1', 's1', NULL, 1, 600001)"
    );
    // A request belongs to an existing connection and goes with it.
    expect(() =>
      db.exec(
        "INSERT INTO saml_requests (id, connection_id, created_at, expires_at) VALUES ('_r2', 'nope', 1, 2)"
      )
    ).toThrow(/FOREIGN KEY/);
    // An assertion id is accepted once: the second insert of the same id fails.
    db.exec(
      "INSERT INTO saml_assertion_ids (assertion_id, connection_id, expires_at, created_at) VALUES ('_a1', 's1', 10, 1)"
    );
    expect(() =>
      db.exec(
        "INSERT INTO saml_assertion_ids (assertion_id, connection_id, expires_at, created_at) VALUES ('_a1', 's1', 10, 1)"
      )
    ).toThrow(/UNIQUE|PRIMARY/);
    db.exec("DELETE FROM sso_connections WHERE id = 's1'");
    expect(db.prepare('SELECT COUNT(*) n FROM saml_requests').get()).toEqual({ n: 0 });
    // Used assertion ids outlive their connection (no cascade): removing and re-adding cannot reopen a replay.
    expect(db.prepare('SELECT COUNT(*) n FROM saml_assertion_ids').get()).toEqual({ n: 1 });
  },
  'tenant/0004_licence_renewal_reminders.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO software_products (id, name, vendor, approved) VALUES ('p1', 'Figma', 'Figma', 1);
      INSERT INTO licences (id, product_id, edition, seats, renewal_date, created_at) VALUES ('l1', 'p1', 'Professional', 25, '2026-12-01', 1);`);
    apply(db, dir, name);
    expect(db.prepare('SELECT id, seats, renewal_date FROM licences').all()).toEqual([
      { id: 'l1', seats: 25, renewal_date: '2026-12-01' }
    ]);
    // One reminder per (licence, renewal date, threshold): the cron's INSERT OR IGNORE is a no-op the second time.
    db.exec(
      "INSERT INTO licence_reminders_sent (licence_id, renewal_date, threshold, run_id, sent_at) VALUES ('l1', '2026-12-01', 30, 'r1', 1)"
    );
    db.exec(
      "INSERT OR IGNORE INTO licence_reminders_sent (licence_id, renewal_date, threshold, run_id, sent_at) VALUES ('l1', '2026-12-01', 30, 'r2', 2)"
    );
    expect(db.prepare('SELECT run_id FROM licence_reminders_sent').all()).toEqual([{ run_id: 'r1' }]);
    // A changed renewal date is a new key; the other thresholds are separate keys.
    db.exec(
      "INSERT INTO licence_reminders_sent (licence_id, renewal_date, threshold, run_id, sent_at) VALUES ('l1', '2027-01-15', 30, 'r3', 3), ('l1', '2026-12-01', 7, 'r4', 4)"
    );
    expect(() =>
      db.exec(
        "INSERT INTO licence_reminders_sent (licence_id, renewal_date, threshold, run_id, sent_at) VALUES ('l1', '2026-12-01', 0, 'r5', 5)"
      )
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO licence_reminders_sent (licence_id, renewal_date, threshold, run_id, sent_at) VALUES ('nope', '2026-12-01', 1, 'r6', 6)"
      )
    ).toThrow(/FOREIGN KEY/);
    db.exec("DELETE FROM licences WHERE id = 'l1'");
    expect(db.prepare('SELECT COUNT(*) n FROM licence_reminders_sent').get()).toEqual({ n: 0 });
  },
  'tenant/0005_audit_actor_label.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(
      "INSERT INTO audit_log (actor_id, action, entity_type, entity_id, created_at) VALUES ('u1', 'request.created', 'request', 'r1', 1)"
    );
    apply(db, dir, name);
    // Existing rows keep their person and get no label; a row by a token or SCIM carries its label.
    expect(db.prepare('SELECT actor_id, actor_label FROM audit_log').all()).toEqual([
      { actor_id: 'u1', actor_label: null }
    ]);
    db.exec(
      "INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, created_at) VALUES (NULL, 'Provisioning', 'user.suspended', 'user', 'u1', 2)"
    );
    expect(db.prepare('SELECT actor_label FROM audit_log WHERE actor_id IS NULL').get()).toEqual({
      actor_label: 'Provisioning'
    });
    // Still append-only (0001's triggers survive the ALTER).
    expect(() => db.exec("UPDATE audit_log SET actor_label = 'x'")).toThrow();
  }
};
