// Data tests for the tenant migrations of the integrations: API tokens, outbox, help desk, SCIM, webhooks.
import { expect } from 'vitest';
import { databaseBefore, apply, type MigrationCase } from './migration-db';

export const INTEGRATION_MIGRATION_CASES: Record<string, MigrationCase> = {
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
  }
};
