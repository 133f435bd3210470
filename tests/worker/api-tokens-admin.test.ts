// Split from api-tokens.test.ts (its header says what the set covers). This file: Admin › Settings › API
// tokens; suspending a person revokes their personal tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, cookieFor, GLOBEX, pageGet } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { signedInUser } from './helpers-security';
import { MINE, SERVICE, audits, createFields, post, secretIn, tokenRow } from './helpers-token-pages';
import { hashApiTokenSecret } from '../../src/lib/server/api-tokens/format';

let admin: string;

let adminId: string;

beforeAll(async () => {
  admin = await cookieFor(ACME, 'admin@acme.example');
  adminId = await userId(acmeDb(), 'admin@acme.example');
});

describe('Admin › Settings › API tokens', () => {
  it('an admin creates a service token: no owner, creator kept for display, scim allowed', async () => {
    const name = `MDM sync ${crypto.randomUUID().slice(0, 6)}`;
    const res = await post(
      `${SERVICE}?/create`,
      admin,
      createFields({ name, scopes: ['hardware:read', 'people:read', 'scim'], expiry: '365' })
    );
    expect(res.status).toBe(200);
    const secret = secretIn(await res.text())!;
    const row = (await tokenRow(name))!;
    expect(row).toMatchObject({ kind: 'service', owner_user_id: null, created_by: adminId });
    expect(row.secret_hash).toBe(hashApiTokenSecret(secret));
    expect(JSON.parse(row.scopes)).toEqual(['hardware:read', 'people:read', 'scim']);
    const page = await (await pageGet(ACME, SERVICE, admin)).text();
    expect(page).toContain(name);
    expect(page).toContain('by Morgan Reyes');
    expect(secretIn(page)).toBeNull();
  });

  it('service tokens never carry my:* scopes (there is no person behind them)', async () => {
    const name = `Mine ${crypto.randomUUID().slice(0, 6)}`;
    const res = await post(`${SERVICE}?/create`, admin, createFields({ name, scopes: ['my:read'] }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('You can’t give a token scopes you don’t have: my:read.');
    expect(await tokenRow(name)).toBeNull();
  });

  it('is for administrators only: an employee gets 403 for the page and every action', async () => {
    const me = await signedInUser();
    expect((await pageGet(ACME, SERVICE, me.session)).status).toBe(403);
    const name = `Sneaky ${crypto.randomUUID().slice(0, 6)}`;
    expect(
      (await post(`${SERVICE}?/create`, me.session, createFields({ name, scopes: ['hardware:read'] }))).status
    ).toBe(403);
    expect(await tokenRow(name)).toBeNull();
    expect((await post(`${SERVICE}?/lifetime`, me.session, [['days', '1']])).status).toBe(403);
  });

  it('revokes a service token after confirmation; another workspace’s admin cannot', async () => {
    const name = `Chat bot ${crypto.randomUUID().slice(0, 6)}`;
    await post(`${SERVICE}?/create`, admin, createFields({ name, scopes: ['requests:read'] }));
    const { id } = (await tokenRow(name))!;
    const globexAdmin = await cookieFor(GLOBEX, 'admin@globex.example');
    const cross = await post(
      `${SERVICE}?/revoke`,
      globexAdmin,
      [
        ['tokenId', id],
        ['confirm', 'yes']
      ],
      GLOBEX
    );
    expect(cross.status).toBe(404);
    expect(await (await pageGet(GLOBEX, SERVICE, globexAdmin)).text()).not.toContain(name);
    expect((await tokenRow(name))!.revoked_at).toBeNull();
    expect(await scalar(globexDb(), 'SELECT count(*) AS n FROM api_tokens WHERE id = ?', id)).toBe(0);

    const yes = await post(`${SERVICE}?/revoke`, admin, [
      ['tokenId', id],
      ['confirm', 'yes']
    ]);
    expect(yes.status).toBe(200);
    expect((await tokenRow(name))!.revoked_at).not.toBeNull();
    const page = await (await pageGet(ACME, SERVICE, admin)).text();
    expect(page).toMatch(/Revoked [^<]* by /);
  });

  it('the maximum lifetime: validated, audited, and it bounds the expiry choices', async () => {
    const bad = await post(`${SERVICE}?/lifetime`, admin, [['days', 'ten']]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a number of days.');
    expect((await post(`${SERVICE}?/lifetime`, admin, [['days', '5000']])).status).toBe(400);
    try {
      const ok = await post(`${SERVICE}?/lifetime`, admin, [['days', '60']]);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('Maximum token lifetime saved: 60 days.');
      expect(
        await scalar(
          acmeDb(),
          "SELECT count(*) AS n FROM audit_log WHERE action = 'settings.api_token_max_lifetime'"
        )
      ).toBeGreaterThan(0);
      const me = await signedInUser();
      const page = await (await pageGet(ACME, MINE, me.session)).text();
      expect(page).toContain('value="30"');
      expect(page).not.toContain('value="90"');
      const res = await post(`${MINE}?/create`, me.session, createFields({ expiry: '90' }));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This workspace allows tokens for at most 60 days.');
    } finally {
      await post(`${SERVICE}?/lifetime`, admin, [['days', '365']]);
    }
  });
});

describe('suspending a person revokes their personal tokens', () => {
  it('in the suspension’s batch, with an audit row per token; service tokens they created live on', async () => {
    const person = await signedInUser(undefined, { role: 'admin' });
    const personal = `Personal ${crypto.randomUUID().slice(0, 6)}`;
    const service = `Their service ${crypto.randomUUID().slice(0, 6)}`;
    await post(`${MINE}?/create`, person.session, createFields({ name: personal }));
    await post(
      `${SERVICE}?/create`,
      person.session,
      createFields({ name: service, scopes: ['hardware:read'] })
    );
    const p = (await tokenRow(personal))!;
    const s = (await tokenRow(service))!;

    const res = await post(`/admin/people/${person.id}?/suspend`, admin, []);
    expect(res.status).toBe(200);
    expect((await tokenRow(personal))!.revoked_at).not.toBeNull();
    expect(await audits(p.id, 'api_token.revoked')).toBe(1);
    const audit = await one<{ actor_id: string }>(
      acmeDb(),
      "SELECT actor_id FROM audit_log WHERE entity_id = ? AND action = 'api_token.revoked'",
      p.id
    );
    expect(audit!.actor_id).toBe(adminId);
    expect((await tokenRow(service))!.revoked_at).toBeNull();
    expect(await audits(s.id, 'api_token.revoked')).toBe(0);
  });
});
