// Every migration has a data test, the way Fleet tests its migrations: build the database at the
// previous version, put data in it, apply the migration, and check the data and the new behaviour.
// why node:sqlite and not D1: D1 is SQLite; these tests are about what the SQL does to existing rows,
// and Node's built-in SQLite runs them in milliseconds (the CLI tests exercise the real wrangler path).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers-ops';

type Dir = 'tenant' | 'control';

function files(dir: Dir): string[] {
  return readdirSync(join(ROOT, 'migrations', dir))
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** A database with the migrations of `dir` applied up to, not including, `name`. */
function databaseBefore(dir: Dir, name: string): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('PRAGMA foreign_keys = ON'); // as D1
  for (const f of files(dir)) {
    if (f === name) return db;
    db.exec(readFileSync(join(ROOT, 'migrations', dir, f), 'utf8'));
  }
  throw new Error(`no migration ${dir}/${name}`);
}

function apply(db: DatabaseSync, dir: Dir, name: string): void {
  db.exec(readFileSync(join(ROOT, 'migrations', dir, name), 'utf8'));
}

function tables(db: DatabaseSync): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

const CASES: Record<string, (dir: Dir, name: string) => void> = {
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
  },
  'tenant/0007_outbox.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(
      "INSERT INTO audit_log (actor_id, action, entity_type, entity_id, created_at) VALUES ('u1', 'request.created', 'request', 'r1', 1)"
    );
    apply(db, dir, name);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    const insert = db.prepare(
      "INSERT INTO outbox (channel, ordering_key, event_type, payload, next_attempt_at, created_at) VALUES ('helpdesk', 'request:r1', ?, '{}', 1, 1)"
    );
    insert.run('request.created');
    insert.run('request.message');
    // The id is the delivery order; a new row starts pending with no attempts.
    expect(db.prepare('SELECT id, event_type, status, attempts FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, event_type: 'request.created', status: 'pending', attempts: 0 },
      { id: 2, event_type: 'request.message', status: 'pending', attempts: 0 }
    ]);
    expect(() => db.exec("UPDATE outbox SET status = 'lost' WHERE id = 1")).toThrow(/CHECK/);
  },
  'tenant/0006_api_tokens.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'ada@acme.example', 'Ada', 'employee', 'active', 'system', 1, 1);
      INSERT INTO workspace_settings (key, value, updated_at) VALUES ('security.require_two_factor', 'true', 1);`);
    apply(db, dir, name);
    expect(db.prepare('SELECT id, email FROM users').all()).toEqual([
      { id: 'u1', email: 'ada@acme.example' }
    ]);
    expect(db.prepare('SELECT key, value FROM workspace_settings').all()).toEqual([
      { key: 'security.require_two_factor', value: 'true' }
    ]);
    const insert = (id: string, kind: string, owner: string | null, hash: string, expires = 100) =>
      db.exec(
        `INSERT INTO api_tokens (id, kind, owner_user_id, name, secret_hash, scopes, expires_at, created_at, created_by) VALUES ('${id}', '${kind}', ${owner === null ? 'NULL' : `'${owner}'`}, 'Sync', '${hash}', '["my:read"]', ${expires}, 1, 'u1')`
      );
    insert('t1', 'personal', 'u1', 'h1');
    insert('t2', 'service', null, 'h2');
    // A personal token has an owner and a service token none; the kind is one of the two.
    expect(() => insert('t3', 'personal', null, 'h3')).toThrow(/CHECK/);
    expect(() => insert('t4', 'service', 'u1', 'h4')).toThrow(/CHECK/);
    expect(() => insert('t5', 'robot', null, 'h5')).toThrow(/CHECK/);
    // Every token expires after it was created; a secret hash is unique.
    expect(() => insert('t6', 'service', null, 'h6', 1)).toThrow(/CHECK/);
    expect(() => insert('t7', 'service', null, 'h1')).toThrow(/UNIQUE/);
    expect(() => insert('t8', 'personal', 'nobody', 'h8')).toThrow(/FOREIGN KEY/);
    // Removing the owner removes their personal tokens; a service token keeps working without its creator.
    db.exec("DELETE FROM users WHERE id = 'u1'");
    expect(db.prepare('SELECT id, created_by FROM api_tokens').all()).toEqual([
      { id: 't2', created_by: null }
    ]);
  },
  'tenant/0010_webhooks.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'admin@acme.example', 'Admin', 'admin', 'active', 'system', 1, 1);
      INSERT INTO outbox (channel, ordering_key, event_type, payload, next_attempt_at, created_at) VALUES ('helpdesk', 'request:r1', 'request.created', '{}', 1, 1);`);
    apply(db, dir, name);
    expect(db.prepare('SELECT channel, status FROM outbox').all()).toEqual([
      { channel: 'helpdesk', status: 'pending' }
    ]);
    const endpoint = (id: string, status = 'enabled', reason: string | null = null) =>
      db.exec(
        `INSERT INTO webhook_endpoints (id, url, event_types, secret_sealed, status, disabled_reason, created_at, created_by, updated_at) VALUES ('${id}', 'https://hooks.example.com/${id}', '["request.created"]', 'v1:x:y', '${status}', ${reason === null ? 'NULL' : `'${reason}'`}, 1, 'u1', 1)`
      );
    endpoint('e1');
    endpoint('e2', 'disabled', 'gone');
    // A disabled endpoint says why, an enabled one doesn't; the reasons and statuses are closed lists.
    expect(() => endpoint('e3', 'disabled')).toThrow(/CHECK/);
    expect(() => endpoint('e4', 'enabled', 'admin')).toThrow(/CHECK/);
    expect(() => endpoint('e5', 'paused')).toThrow(/CHECK/);
    expect(() => endpoint('e6', 'disabled', 'bored')).toThrow(/CHECK/);
    const message = (id: string, endpointId: string, eventId: string) =>
      db.exec(
        `INSERT INTO webhook_messages (id, endpoint_id, event_id, event_type, payload, created_at) VALUES ('${id}', '${endpointId}', '${eventId}', 'request.created', '{}', 1)`
      );
    message('m1', 'e1', 'msg_1');
    message('m2', 'e2', 'msg_1');
    // One message per event and endpoint: a second delivery of the same event to e1 is the same row.
    expect(() => message('m3', 'e1', 'msg_1')).toThrow(/UNIQUE/);
    expect(() => message('m4', 'nope', 'msg_2')).toThrow(/FOREIGN KEY/);
    db.exec("INSERT INTO webhook_attempts (message_id, attempted_at, response_status) VALUES ('m1', 2, 200)");
    expect(db.prepare("SELECT status, attempts FROM webhook_messages WHERE id = 'm1'").get()).toEqual({
      status: 'pending',
      attempts: 0
    });
    // Deleting an endpoint deletes its log; a daily event's key is claimed once.
    db.exec("DELETE FROM webhook_endpoints WHERE id = 'e1'");
    expect(db.prepare('SELECT count(*) AS n FROM webhook_attempts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM webhook_messages').all()).toEqual([{ id: 'm2' }]);
    db.exec("INSERT INTO webhook_event_once (key, created_at) VALUES ('loan.overdue:l1:2026-11-30', 1)");
    db.exec(
      "INSERT OR IGNORE INTO webhook_event_once (key, created_at) VALUES ('loan.overdue:l1:2026-11-30', 2)"
    );
    expect(db.prepare('SELECT created_at FROM webhook_event_once').all()).toEqual([{ created_at: 1 }]);
  },
  'tenant/0009_scim_provisioning.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'ada@acme.example', 'Ada', 'employee', 'active', 'system', 1, 1);
      INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u2', 'bob@acme.example', 'Bob', 'admin', 'active', 'system', 1, 1);`);
    apply(db, dir, name);
    // People keep their rows; nobody is a provisioned person until the identity provider says so.
    expect(db.prepare('SELECT id, email, role FROM users ORDER BY id').all()).toEqual([
      { id: 'u1', email: 'ada@acme.example', role: 'employee' },
      { id: 'u2', email: 'bob@acme.example', role: 'admin' }
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM scim_users').get()).toEqual({ n: 0 });
    db.exec(
      "INSERT INTO scim_users (user_id, user_name, external_id, created_at, updated_at) VALUES ('u1', 'Ada@Acme.example', '00u1', 1, 1)"
    );
    // userName is unique ignoring case (RFC 7643 caseExact=false); a group's name likewise.
    expect(() =>
      db.exec(
        "INSERT INTO scim_users (user_id, user_name, created_at, updated_at) VALUES ('u2', 'ada@acme.EXAMPLE', 1, 1)"
      )
    ).toThrow(/UNIQUE/);
    db.exec(`INSERT INTO scim_groups (id, display_name, role, created_at, updated_at) VALUES ('g1', 'IT Admins', 'admin', 1, 1);
      INSERT INTO scim_group_members (group_id, user_id, added_at) VALUES ('g1', 'u1', 1);`);
    expect(() =>
      db.exec(
        "INSERT INTO scim_groups (id, display_name, created_at, updated_at) VALUES ('g2', 'it admins', 1, 1)"
      )
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(
        "INSERT INTO scim_groups (id, display_name, role, created_at, updated_at) VALUES ('g3', 'Owners', 'owner', 1, 1)"
      )
    ).toThrow(/CHECK/);
    // Deleting a group removes its memberships, never the people.
    db.exec("DELETE FROM scim_groups WHERE id = 'g1'");
    expect(db.prepare('SELECT count(*) AS n FROM scim_group_members').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 2 });
  },
  'tenant/0008_helpdesk.sql': (dir, name) => {
    const db = databaseBefore(dir, name);
    db.exec(`INSERT INTO users (id, email, name, role, status, theme, created_at, updated_at) VALUES ('u1', 'a@x.example', 'A', 'employee', 'active', 'system', 1, 1);
      INSERT INTO requests (id, user_id, type, title, justification, urgency, status, created_at, updated_at) VALUES ('r1', 'u1', 'hardware', 'T', 'J', 'low', 'pending', 1, 1);
      INSERT INTO request_messages (id, request_id, author_id, body, created_at) VALUES ('m1', 'r1', 'u1', 'first', 5);
      INSERT INTO request_messages (id, request_id, author_id, body, created_at) VALUES ('m2', 'r1', 'u1', 'second', 6);`);
    apply(db, dir, name);
    // Existing messages keep their author, order and text.
    expect(
      db
        .prepare('SELECT id, author_id, author_label, external_id, body FROM request_messages ORDER BY rowid')
        .all()
    ).toEqual([
      { id: 'm1', author_id: 'u1', author_label: null, external_id: null, body: 'first' },
      { id: 'm2', author_id: 'u1', author_label: null, external_id: null, body: 'second' }
    ]);
    // A help-desk reply: no OnTrackio author, a label, an external id accepted once.
    const reply = db.prepare(
      "INSERT INTO request_messages (id, request_id, author_id, author_label, external_id, body, created_at) VALUES (?, 'r1', NULL, 'Alex Agent (help desk)', 'rt:42', 'hi', 7)"
    );
    reply.run('m3');
    expect(() => reply.run('m4')).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(
        "INSERT INTO request_messages (id, request_id, author_id, body, created_at) VALUES ('m5', 'r1', NULL, 'x', 8)"
      )
    ).toThrow(/CHECK/);
    // Still cascades with its request, and one connection row at most.
    db.exec("DELETE FROM requests WHERE id = 'r1'");
    expect(db.prepare('SELECT count(*) AS n FROM request_messages').get()).toEqual({ n: 0 });
    const conn =
      "INSERT INTO helpdesk_connection (id, provider, base_url, queue, reference_field, status_map, webhook_secret_sealed, public_origin, created_at, updated_at) VALUES (?, 'rt5', 'https://rt.example', 'Q', 'F', '{}', 's', 'https://a', 1, 1)";
    db.prepare(conn).run(1);
    expect(() => db.prepare(conn).run(2)).toThrow(/CHECK/);
  },
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
