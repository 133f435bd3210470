// What provisioning does to people, end to end through the Worker: deactivation ends a live browser
// session on the next request and revokes API tokens and the pairing while assignments stay visible;
// reactivation restores; audit rows say "Provisioning"; groups mapped to administrators; the
// pre-linked sign-in identity; and the Settings › Provisioning page (token shown once, revocable).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { saveOauthConnection } from '../../src/lib/server/sso/connections';
import { resolveSsoUser } from '../../src/lib/server/sso/resolve-user';
import { ACME, fetchWorker, freshAddress, get, signInByForm } from './helpers';
import { createUser } from './helpers-security';
import { makeToken } from './helpers-tokens';
import { adminActor, approveDomains, scim, scimWorkspace, tenantDb } from './helpers-scim';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const active = (value: boolean) => ({
  schemas: [PATCH],
  Operations: [{ op: 'replace', value: { active: value } }]
});
const d1 = env.DB_ACME;

let token: string;
beforeAll(async () => {
  await approveDomains(tenantDb('acme'), ['lifecycle.example', 'example.test']);
  token = await scimWorkspace('acme');
});

describe('deactivate and reactivate', () => {
  it('ends a live browser session on the next request, revokes tokens and pairing, keeps assignments', async () => {
    const person = await createUser(d1);
    const { cookie } = await signInByForm(ACME, person.email, person.password);
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(200);
    const personal = await makeToken({ ownerId: person.id });
    const model = await d1.prepare('SELECT id FROM hardware_models LIMIT 1').first<{ id: string }>();
    const now = Date.now();
    await d1.batch([
      d1
        .prepare(
          "INSERT INTO hardware_assets (id, asset_tag, model_id, status, assigned_to, assigned_at, created_at, updated_at) VALUES (?, ?, ?, 'assigned', ?, ?, ?, ?)"
        )
        .bind(crypto.randomUUID(), `LC-${now}`, model!.id, person.id, now, now, now),
      d1
        .prepare(
          "INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, status, enrolled_at) VALUES (?, ?, ?, 'lc-laptop', 'Linux', 'active', ?)"
        )
        .bind(crypto.randomUUID(), person.id, `hash-${now}`, now)
    ]);

    // The identity provider finds them by userName (their email) and deactivates them.
    const found = await scim(
      'acme',
      token,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${person.email}"`)}`
    );
    expect(found.body.Resources[0].id).toBe(person.id);
    const off = await scim('acme', token, 'PATCH', `/Users/${person.id}`, active(false));
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(401);
    const page = await get(`${ACME}/my`, cookie);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain('/login');
    const me = await fetchWorker(`${ACME}/api/v1/me`, {
      headers: { authorization: `Bearer ${personal.secret}` }
    });
    expect(me.status).toBe(401);
    const device = await d1
      .prepare('SELECT status FROM agent_devices WHERE user_id = ?')
      .bind(person.id)
      .first<{ status: string }>();
    expect(device!.status).toBe('revoked');
    const refused = await signInByForm(ACME, person.email, person.password);
    expect(refused.cookie).toBeNull();

    // Their hardware is still on their page for IT to recover.
    const admin = (await signInByForm(ACME, 'admin@acme.example')).cookie;
    const detail = await get(`${ACME}/api/v1/admin/people/${person.id}`, admin);
    const body = await detail.json<{ status: string; hardware: { assetTag: string }[] }>();
    expect(body.status).toBe('suspended');
    expect(body.hardware.map((h) => h.assetTag)).toEqual([`LC-${now}`]);

    const on = await scim('acme', token, 'PATCH', `/Users/${person.id}`, active(true));
    expect(on.body.active).toBe(true);
    expect(
      (await signInByForm(ACME, person.email, person.password, { address: freshAddress() })).cookie
    ).not.toBeNull();

    const audit = await d1
      .prepare(
        "SELECT action, actor_id, actor_label FROM audit_log WHERE entity_id = ? AND action IN ('user.suspended', 'user.reactivated', 'device.revoked') ORDER BY id"
      )
      .bind(person.id)
      .all<{ action: string; actor_id: string | null; actor_label: string }>();
    expect(audit.results).toEqual([
      { action: 'user.suspended', actor_id: null, actor_label: 'Provisioning' },
      { action: 'device.revoked', actor_id: null, actor_label: 'Provisioning' },
      { action: 'user.reactivated', actor_id: null, actor_label: 'Provisioning' }
    ]);
  });

  it('a created person is audited as created by Provisioning, without a password', async () => {
    const res = await scim('acme', token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'new.hire@lifecycle.example',
      name: { givenName: 'New', familyName: 'Hire' },
      emails: [{ value: 'new.hire@lifecycle.example', type: 'work', primary: true }],
      password: 'ignored-password-123'
    });
    expect(res.status).toBe(201);
    const row = await d1
      .prepare('SELECT name, status, password_hash FROM users WHERE id = ?')
      .bind(res.body.id)
      .first();
    expect(row).toEqual({ name: 'New Hire', status: 'invited', password_hash: null });
    const actions = await d1
      .prepare('SELECT action, actor_label FROM audit_log WHERE entity_id = ? ORDER BY id')
      .bind(res.body.id)
      .all<{ action: string; actor_label: string }>();
    expect(actions.results.map((r) => r.action).sort()).toEqual(['user.invited', 'user.provisioned']);
    expect(new Set(actions.results.map((r) => r.actor_label))).toEqual(new Set(['Provisioning']));
  });
});

describe('groups mapped to administrators', () => {
  it('members become administrators, leaving the group makes them employees again', async () => {
    const a = await createUser(d1);
    const b = await createUser(d1);
    const g = await scim('acme', token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'OnTrackio Admins',
      members: [{ value: a.id }]
    });
    expect(g.status).toBe(201);
    // The admin maps the group on Settings › Provisioning.
    const admin = (await signInByForm(ACME, 'admin@acme.example')).cookie!;
    const mapped = await fetchWorker(`${ACME}/admin/settings/provisioning?/groupRole`, {
      method: 'POST',
      headers: {
        cookie: admin,
        origin: ACME,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json'
      },
      body: new URLSearchParams({ groupId: g.body.id, role: 'admin' })
    });
    expect(mapped.status).toBe(200);
    const role = async (id: string) =>
      (await d1.prepare('SELECT role FROM users WHERE id = ?').bind(id).first<{ role: string }>())!.role;
    expect(await role(a.id)).toBe('admin');

    const add = await scim('acme', token, 'PATCH', `/Groups/${g.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ value: b.id }] }]
    });
    expect(add.status).toBe(204);
    expect(await role(b.id)).toBe('admin');
    const remove = await scim('acme', token, 'PATCH', `/Groups/${g.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${a.id}"]` }]
    });
    expect(remove.status).toBe(204);
    expect(await role(a.id)).toBe('employee');
    expect(await role(b.id)).toBe('admin');
    const changes = await d1
      .prepare("SELECT actor_label FROM audit_log WHERE entity_id = ? AND action = 'user.role_changed'")
      .bind(a.id)
      .all<{ actor_label: string }>();
    // Promoted by the admin's mapping (their own audit row), demoted when the provider removed them.
    expect(changes.results).toEqual([{ actor_label: null }, { actor_label: 'Provisioning' }]);
    // Deleting the mapped group returns its last member to employee.
    expect((await scim('acme', token, 'DELETE', `/Groups/${g.body.id}`)).status).toBe(204);
    expect(await role(b.id)).toBe('employee');
  });
});

describe('the pre-linked sign-in identity', () => {
  it('a later SSO sign-in finds the provisioned person by (connection, subject), never by email alone', async () => {
    const db = tenantDb('acme');
    const actor = await adminActor(db);
    await saveOauthConnection(env, db, actor, {
      kind: 'google',
      clientId: 'lifecycle-client',
      clientSecret: 'lifecycle-secret',
      entraTenant: '',
      devIssuerUrl: ''
    });
    const conn = await d1
      .prepare("SELECT id FROM sso_connections WHERE kind = 'google'")
      .first<{ id: string }>();
    const scimToken = await scimWorkspace('acme', {
      newPeople: 'sso',
      connectionId: conn!.id,
      subjectAttribute: 'externalId'
    });
    const res = await scim('acme', scimToken, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'linked@lifecycle.example',
      externalId: '00uLINKED',
      emails: [{ value: 'linked@lifecycle.example', type: 'work', primary: true }]
    });
    expect(res.status).toBe(201);
    const identity = { email: 'linked@lifecycle.example', emailVerified: true, name: null };
    expect(await resolveSsoUser(db, conn!.id, { ...identity, subject: 'someone-else' }, null)).toEqual({
      ok: false,
      code: 'no_account'
    });
    expect(await resolveSsoUser(db, conn!.id, { ...identity, subject: '00uLINKED' }, null)).toMatchObject({
      ok: true,
      userId: res.body.id,
      linked: false
    });
    // A changed externalId moves the link.
    await scim('acme', scimToken, 'PATCH', `/Users/${res.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'externalId', value: '00uMOVED' }]
    });
    expect(await resolveSsoUser(db, conn!.id, { ...identity, subject: '00uLINKED' }, null)).toEqual({
      ok: false,
      code: 'no_account'
    });
    expect(await resolveSsoUser(db, conn!.id, { ...identity, subject: '00uMOVED' }, null)).toMatchObject({
      ok: true,
      userId: res.body.id
    });
  });
});

describe('Settings › Provisioning', () => {
  it('shows the base URL, makes a token shown once that works, revokes it, and lists the calls', async () => {
    const admin = (await signInByForm(ACME, 'admin@acme.example')).cookie!;
    const post = (action: string, body: Record<string, string>) =>
      fetchWorker(`${ACME}/admin/settings/provisioning?/${action}`, {
        method: 'POST',
        headers: {
          cookie: admin,
          origin: ACME,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json'
        },
        body: new URLSearchParams(body)
      });
    const made = await (await post('createToken', { expiry: '90' })).json<{ data: string }>();
    const secret = /otk_[A-Za-z0-9]+/.exec(made.data)![0];
    expect((await scim('acme', secret, 'GET', '/ServiceProviderConfig')).status).toBe(200);
    const page = await (await get(`${ACME}/admin/settings/provisioning`, admin)).text();
    expect(page).toContain(`${ACME}/scim/v2`);
    expect(page).not.toContain(secret);
    expect(page).toContain('GET /ServiceProviderConfig');
    const row = await d1
      .prepare(
        "SELECT id FROM api_tokens WHERE kind = 'service' AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1"
      )
      .first<{ id: string }>();
    expect((await post('revokeToken', { tokenId: row!.id })).status).toBe(200);
    expect((await scim('acme', secret, 'GET', '/ServiceProviderConfig')).status).toBe(401);
  });

  it('an employee cannot open or change it', async () => {
    const emp = await createUser(d1);
    const cookie = (await signInByForm(ACME, emp.email, emp.password)).cookie!;
    expect((await get(`${ACME}/admin/settings/provisioning`, cookie)).status).toBe(403);
    const res = await fetchWorker(`${ACME}/admin/settings/provisioning?/createToken`, {
      method: 'POST',
      headers: {
        cookie,
        origin: ACME,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json'
      },
      body: new URLSearchParams({ expiry: '90' })
    });
    expect([403]).toContain(res.status);
  });
});
