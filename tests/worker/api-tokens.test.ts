// API tokens through their pages (issue 14 §1): My profile › API tokens (personal) and Admin ›
// Settings › API tokens (service), posted as a browser without JavaScript would. Checks what was
// stored (only the hash), the rules (scopes a person may give, scim, expiry, addresses), revocation
// with its confirmation step, audit rows, and that nobody reaches another person's or workspace's tokens.
// Split by topic into this file and api-tokens-admin.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, cookieFor, fetchWorker, pageGet } from './helpers';
import { acmeDb, scalar } from './helpers-data';
import { signedInUser } from './helpers-security';
import { MINE, SERVICE, audits, createFields, post, secretIn, tokenRow } from './helpers-token-pages';
import { hashApiTokenSecret } from '../../src/lib/server/api-tokens/format';
import { DAY_MS } from '../../src/lib/server/api-tokens/lifetime';
import { isoDate } from '../../src/lib/server/dates';

let admin: string;

beforeAll(async () => {
  admin = await cookieFor(ACME, 'admin@acme.example');
});

describe('My profile › API tokens', () => {
  it('creates a personal token, shows the secret once, stores only its SHA-256 and an audit row', async () => {
    const me = await signedInUser();
    const name = `Laptop script ${crypto.randomUUID().slice(0, 6)}`;
    const res = await post(
      `${MINE}?/create`,
      me.session,
      createFields({ name, scopes: ['my:read', 'my:write'], addresses: '203.0.113.7\n2001:DB8::/32' })
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Copy this token now. You won’t be able to see it again.');
    const secret = secretIn(html)!;
    expect(secret).toBeTruthy();

    const row = (await tokenRow(name))!;
    expect(row).toMatchObject({
      kind: 'personal',
      owner_user_id: me.id,
      created_by: me.id,
      revoked_at: null
    });
    expect(row.secret_hash).toBe(hashApiTokenSecret(secret));
    expect(JSON.parse(row.scopes)).toEqual(['my:read', 'my:write']);
    expect(JSON.parse(row.allowed_addresses!)).toEqual(['203.0.113.7', '2001:db8::/32']);
    expect(row.expires_at - row.created_at).toBe(30 * DAY_MS);
    // Nothing in the database holds the secret itself, not even the audit row.
    const dump = JSON.stringify(
      await acmeDb().prepare('SELECT * FROM audit_log WHERE entity_id = ?').bind(row.id).all()
    );
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(row.secret_hash);
    expect(await audits(row.id, 'api_token.created')).toBe(1);

    // The list shows the token, never its secret again.
    const page = await (await pageGet(ACME, MINE, me.session)).text();
    expect(page).toContain(name);
    expect(page).toContain('my:write');
    expect(page).toContain('Only from 203.0.113.7, 2001:db8::/32');
    expect(page).toContain('Never');
    expect(secretIn(page)).toBeNull();
  });

  it('offers a person only the scopes their role allows; a post for more is refused beside the field', async () => {
    const me = await signedInUser();
    const page = await (await pageGet(ACME, MINE, me.session)).text();
    expect(page).toContain('value="my:read"');
    expect(page).not.toContain('value="hardware:read"');
    expect(page).not.toContain('value="scim"');

    const name = `Too much ${crypto.randomUUID().slice(0, 6)}`;
    const res = await post(
      `${MINE}?/create`,
      me.session,
      createFields({ name, scopes: ['my:read', 'hardware:read', 'people:write'] })
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('You can’t give a token scopes you don’t have: hardware:read, people:write.');
    expect(html).toContain(`value="${name}"`); // nothing typed is lost
    expect(await tokenRow(name)).toBeNull();

    const scim = await post(`${MINE}?/create`, me.session, createFields({ name, scopes: ['scim'] }));
    expect(scim.status).toBe(400);
    expect(await scim.text()).toContain('The scim scope is only for service tokens');
    expect(await tokenRow(name)).toBeNull();
  });

  it('an admin’s personal token may carry admin scopes, but never scim', async () => {
    const me = await signedInUser(undefined, { role: 'admin' });
    const name = `Admin script ${crypto.randomUUID().slice(0, 6)}`;
    const res = await post(
      `${MINE}?/create`,
      me.session,
      createFields({ name, scopes: ['hardware:read', 'audit:read'] })
    );
    expect(res.status).toBe(200);
    expect(JSON.parse((await tokenRow(name))!.scopes)).toEqual(['hardware:read', 'audit:read']);
    const scim = await post(
      `${MINE}?/create`,
      me.session,
      createFields({ name: `${name} 2`, scopes: ['scim'] })
    );
    expect(scim.status).toBe(400);
  });

  it('gives clear field errors for a missing name, no scope, an unknown scope, bad addresses and bad expiry', async () => {
    const me = await signedInUser();
    const cases: [Parameters<typeof createFields>[0], string][] = [
      [{ name: '  ' }, 'Give the token a name, for example “MDM sync”.'],
      [{ scopes: [] }, 'Choose at least one scope.'],
      [{ scopes: ['my:read', 'root'] }, 'Choose scopes from the list.'],
      [
        { addresses: '10.0.0.1\nnot-an-address' },
        '“not-an-address” is not an IPv4 or IPv6 address or range.'
      ],
      [{ addresses: '10.1.0.0/8' }, 'Did you mean 10.0.0.0/8?'],
      [{ expiry: 'forever' }, 'Choose when the token expires.'],
      [{ expiry: 'custom' }, 'Choose the date the token expires.'],
      [{ expiry: 'custom', expiresOn: '31/12/2027' }, 'Enter the date as YYYY-MM-DD.'],
      [{ expiry: 'custom', expiresOn: isoDate(Date.now()) }, 'Choose a date after today.'],
      [
        { expiry: 'custom', expiresOn: isoDate(Date.now() + 400 * DAY_MS) },
        'This workspace allows tokens for at most 365 days.'
      ]
    ];
    const before = await scalar(
      acmeDb(),
      'SELECT count(*) AS n FROM api_tokens WHERE owner_user_id = ?',
      me.id
    );
    for (const [fields, message] of cases) {
      const res = await post(`${MINE}?/create`, me.session, createFields(fields));
      expect(res.status, message).toBe(400);
      expect(await res.text(), message).toContain(message);
    }
    expect(
      await scalar(acmeDb(), 'SELECT count(*) AS n FROM api_tokens WHERE owner_user_id = ?', me.id)
    ).toBe(before);
  });

  it('a date expiry means through that day (UTC)', async () => {
    const me = await signedInUser();
    const name = `Dated ${crypto.randomUUID().slice(0, 6)}`;
    const day = isoDate(Date.now() + 10 * DAY_MS);
    expect(
      (await post(`${MINE}?/create`, me.session, createFields({ name, expiry: 'custom', expiresOn: day })))
        .status
    ).toBe(200);
    expect((await tokenRow(name))!.expires_at).toBe(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
  });

  it('revokes after a confirmation step, once, with an audit row; only the owner can', async () => {
    const me = await signedInUser();
    const other = await signedInUser();
    const name = `To revoke ${crypto.randomUUID().slice(0, 6)}`;
    await post(`${MINE}?/create`, me.session, createFields({ name }));
    const { id } = (await tokenRow(name))!;

    // First post: the question, nothing revoked yet.
    const ask = await post(`${MINE}?/revoke`, me.session, [['tokenId', id]]);
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain(`Revoke “${name}”?`);
    expect(askHtml).toContain('Yes, revoke');
    expect((await tokenRow(name))!.revoked_at).toBeNull();

    // Another person (or the admin page for a personal token) can't revoke it: it reads as unknown.
    const theirs = await post(`${MINE}?/revoke`, other.session, [
      ['tokenId', id],
      ['confirm', 'yes']
    ]);
    expect(theirs.status).toBe(404);
    const viaAdmin = await post(`${SERVICE}?/revoke`, admin, [
      ['tokenId', id],
      ['confirm', 'yes']
    ]);
    expect(viaAdmin.status).toBe(404);
    expect((await tokenRow(name))!.revoked_at).toBeNull();
    expect(await (await pageGet(ACME, MINE, other.session)).text()).not.toContain(name);

    const yes = await post(`${MINE}?/revoke`, me.session, [
      ['tokenId', id],
      ['confirm', 'yes']
    ]);
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain(`Token “${name}” revoked.`);
    expect((await tokenRow(name))!.revoked_at).not.toBeNull();
    expect(await audits(id, 'api_token.revoked')).toBe(1);

    const again = await post(`${MINE}?/revoke`, me.session, [
      ['tokenId', id],
      ['confirm', 'yes']
    ]);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('That token was already revoked or no longer exists.');
    expect(await audits(id, 'api_token.revoked')).toBe(1);
  });

  it('needs a session (signed out: to Sign in) and a same-origin post', async () => {
    const res = await pageGet(ACME, MINE, null);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login?next=');
    const me = await signedInUser();
    const cross = await fetchWorker(`${ACME}${MINE}?/create`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: me.session
      },
      body: new URLSearchParams(createFields({}))
    });
    expect(cross.status).toBe(403);
  });
});
