// Admin › People beyond the list (issue 6 §2): inviting (password link or SSO only), pending
// invitations (resend, revoke), the link's expiry and single use, duplicates, SSO-only accounts kept
// away from passwords, role changes with the last-admin guard, audit rows, and other workspaces refused.
// Everything under test goes through fetch (pages, form actions, /api/v1); the DB is read to check.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import {
  ACME,
  actorFor,
  adminCookie,
  apiGet,
  apiWrite,
  cookieFor,
  fetchWorker,
  freshAddress,
  GLOBEX,
  pageGet,
  postForm,
  postFormSettled,
  signInByApi
} from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { createUser, passwordStep } from './helpers-security';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { ROLES } from '../../src/lib/server/authz/roles';
import { ROLE_CHOICES } from '../../src/lib/contracts/admin-people';
import { LAST_ADMIN_MESSAGE } from '../../src/lib/server/people/admin-roles';
import { openTenantDb } from '../../src/lib/server/db';
import { saveOauthConnection, saveSignInRules } from '../../src/lib/server/sso/connections';

const NEW_PASSWORD = 'a-long-first-password';
let admin: string;
let adminId: string;
let ada: string;
let adaId: string;
let globexAdmin: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  adminId = await userId(acmeDb(), 'admin@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

let n = 0;
const freshEmail = (domain = 'example.test') => `invitee-${Date.now().toString(36)}-${++n}@${domain}`;
const audits = (db: D1Database, entityId: string, action: string) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);

/** The newest invitation link mailed to an address (dev outbox), or null. */
async function invitationLinkFor(email: string): Promise<string | null> {
  const row = await env.DB_CONTROL.prepare(
    'SELECT text_body FROM email_outbox WHERE to_address = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'
  )
    .bind(email)
    .first<{ text_body: string }>();
  return (
    (row && /(http:\/\/[a-z]+\.localhost:8787\/reset-password\/[a-z2-7]{32})/.exec(row.text_body)?.[1]) ??
    null
  );
}
const mails = async (email: string) =>
  (await env.DB_CONTROL.prepare('SELECT count(*) AS n FROM email_outbox WHERE to_address = ?')
    .bind(email)
    .first<{ n: number }>())!.n;

async function invite(body: Record<string, unknown>, cookie = admin, origin = ACME) {
  const res = await apiWrite(origin, '/admin/people/invitations', cookie, body);
  return {
    res,
    json: (await res.json()) as {
      id: string;
      status: string;
      error?: { code: string; message: string; fields?: Record<string, string[]> };
    }
  };
}

describe('inviting with a password link', () => {
  it('creates an invited account, mails a single-use link; the link sets the password and activates the account', async () => {
    const email = freshEmail();
    const { res, json } = await invite({
      name: 'Iris Invitee',
      email: email.toUpperCase(),
      role: 'employee',
      signIn: 'password'
    });
    expect(res.status).toBe(201);
    expect(json.status).toBe('invited');
    const row = await one<{ status: string; role: string; password_hash: string | null; email: string }>(
      acmeDb(),
      'SELECT status, role, password_hash, email FROM users WHERE id = ?',
      json.id
    );
    expect(row).toEqual({ status: 'invited', role: 'employee', password_hash: null, email });
    expect(await audits(acmeDb(), json.id, 'user.invited')).toBe(1);
    // Only the token's SHA-256 is stored, with a 7-day expiry.
    const link = (await invitationLinkFor(email))!;
    expect(link).toBeTruthy();
    const token = link.split('/').pop()!;
    const stored = await one<{ token_hash: string; purpose: string; expires_at: number }>(
      acmeDb(),
      'SELECT token_hash, purpose, expires_at FROM auth_tokens WHERE user_id = ?',
      json.id
    );
    expect(stored!.token_hash).toBe(hashToken(token));
    expect(stored!.purpose).toBe('invitation');
    expect(stored!.expires_at - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // It shows in Pending invitations.
    const pending = (await (await apiGet(ACME, '/admin/people/invitations', admin)).json()) as {
      items: { id: string; expired: boolean }[];
    };
    expect(pending.items.find((i) => i.id === json.id)).toMatchObject({ expired: false });
    // An invited account can't sign in before accepting.
    expect((await passwordStep(email, NEW_PASSWORD)).session).toBeNull();

    const page = await (await fetchWorker(link)).text();
    expect(page).toContain('Welcome! Choose the password for your account.');
    expect((await postForm(link, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(200);
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM users WHERE id = ?', json.id))!.status
    ).toBe('active');
    expect((await passwordStep(email, NEW_PASSWORD)).session).toBeTruthy();
    // Single use: the same link again is refused and changes nothing.
    const again = await postForm(link, {
      email,
      password: 'another-long-password',
      confirm: 'another-long-password'
    });
    expect(again.status).toBe(410);
    expect((await passwordStep(email, 'another-long-password')).session).toBeNull();
    // No longer pending.
    const after = (await (await apiGet(ACME, '/admin/people/invitations', admin)).json()) as {
      items: { id: string }[];
    };
    expect(after.items.map((i) => i.id)).not.toContain(json.id);
  });

  it('an expired link is refused and the invitation shows as expired; Resend mails a new link and spends the old one', async () => {
    const email = freshEmail();
    const { json } = await invite({ name: 'Eve Expired', email, role: 'employee', signIn: 'password' });
    const oldLink = (await invitationLinkFor(email))!;
    await acmeDb()
      .prepare('UPDATE auth_tokens SET expires_at = ? WHERE user_id = ?')
      .bind(Date.now() - 1000, json.id)
      .run();
    expect(await (await fetchWorker(oldLink)).text()).toContain(
      'This link has expired or has already been used.'
    );
    expect((await postForm(oldLink, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(
      410
    );
    const pending = (await (await apiGet(ACME, '/admin/people/invitations', admin)).json()) as {
      items: { id: string; expired: boolean; expiresAt: number | null }[];
    };
    expect(pending.items.find((i) => i.id === json.id)).toMatchObject({ expired: true, expiresAt: null });
    expect(await pageGet(ACME, '/admin/people', admin).then((r) => r.text())).toContain('Expired');

    // Resend through the page's form action (as a browser without JavaScript would).
    const resent = await postForm(`${ACME}/admin/people?/resend`, { userId: json.id, email }, admin);
    expect(resent.status).toBe(200);
    expect(await resent.text()).toContain(`A new invitation link was sent to ${email}`);
    const newLink = (await invitationLinkFor(email))!;
    expect(newLink).not.toBe(oldLink);
    expect(await audits(acmeDb(), json.id, 'user.invitation_resent')).toBe(1);
    // A second resend spends the previous (still valid) link: only the newest mail works.
    expect((await apiWrite(ACME, `/admin/people/invitations/${json.id}/resend`, admin)).status).toBe(200);
    const newest = (await invitationLinkFor(email))!;
    expect((await postForm(newLink, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(
      410
    );
    expect((await postForm(newest, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(
      200
    );
    // Accepted: resend and revoke are refused now.
    expect((await apiWrite(ACME, `/admin/people/invitations/${json.id}/resend`, admin)).status).toBe(409);
    expect(
      (await apiWrite(ACME, `/admin/people/invitations/${json.id}`, admin, undefined, 'DELETE')).status
    ).toBe(409);
  });

  it('Revoke withdraws the invitation: the link dies, the address can be invited again', async () => {
    const email = freshEmail();
    const { json } = await invite({ name: 'Rex Revoked', email, role: 'admin', signIn: 'password' });
    const link = (await invitationLinkFor(email))!;
    const res = await postForm(`${ACME}/admin/people?/revoke`, { userId: json.id, email }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`The invitation for ${email} was withdrawn.`);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE id = ?', json.id)).toBe(0);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM auth_tokens WHERE user_id = ?', json.id)).toBe(
      0
    );
    expect(await audits(acmeDb(), json.id, 'user.invitation_revoked')).toBe(1);
    expect((await postForm(link, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(410);
    // Gone: a second revoke is a 404, and the address is free again.
    expect(
      (await apiWrite(ACME, `/admin/people/invitations/${json.id}`, admin, undefined, 'DELETE')).status
    ).toBe(404);
    expect(
      (await invite({ name: 'Rex Again', email, role: 'employee', signIn: 'password' })).res.status
    ).toBe(201);
  });

  it('a duplicate email is refused beside the Email field (page and API), whatever its case', async () => {
    const form = await postForm(
      `${ACME}/admin/people/invite`,
      {
        name: 'Ada Again',
        email: 'ADA@acme.example',
        role: 'employee',
        signIn: 'password'
      },
      admin
    );
    expect(form.status).toBe(409);
    const html = await form.text();
    expect(html).toMatch(
      /<p class="field-error" id="email-error">Someone in this workspace already uses that email\.<\/p>/
    );
    const { res, json } = await invite({
      name: 'Ada Again',
      email: 'ada@acme.example',
      role: 'employee',
      signIn: 'password'
    });
    expect(res.status).toBe(409);
    expect(json.error!.fields!.email).toEqual(['Someone in this workspace already uses that email.']);
    expect(await mails('ada@acme.example')).toBe(0);
  });

  it('two admins inviting the same address at once: one account, the other told it is taken', async () => {
    const email = freshEmail();
    const [a, b] = await Promise.all([
      invite({ name: 'Twin A', email, role: 'employee', signIn: 'password' }),
      invite({ name: 'Twin B', email, role: 'employee', signIn: 'password' })
    ]);
    expect([a.res.status, b.res.status].sort()).toEqual([201, 409]);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', email)).toBe(1);
  });

  it('bad input gets field errors, never a 500; the page form keeps what was typed', async () => {
    const { res, json } = await invite({
      name: '',
      email: 'not-an-email',
      role: 'superuser',
      signIn: 'carrier-pigeon'
    });
    expect(res.status).toBe(400);
    expect(Object.keys(json.error!.fields!).sort()).toEqual(['email', 'name', 'role', 'signIn']);
    const form = await postForm(
      `${ACME}/admin/people/invite`,
      {
        name: 'Kept Name',
        email: 'nope',
        role: 'employee',
        signIn: 'password'
      },
      admin
    );
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('Enter a valid email address.');
    expect(html).toContain('value="Kept Name"');
  });

  it('the invite page posts and lands on People with a confirmation', async () => {
    const email = freshEmail();
    const res = await postForm(
      `${ACME}/admin/people/invite`,
      {
        name: 'Paula Page',
        email,
        role: 'employee',
        signIn: 'password'
      },
      admin
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/people?invited=${encodeURIComponent(email)}`);
    const page = await (await pageGet(ACME, res.headers.get('location')!, admin)).text();
    expect(page).toContain(`Invitation sent to ${email}`);
    expect(page).toContain('Pending invitations');
    expect(await mails(email)).toBe(1);
  });
});

describe('SSO-only accounts', () => {
  it('needs a configured SSO connection and an approved domain', async () => {
    const none = await invite({
      name: 'No SSO',
      email: freshEmail('acme.example'),
      role: 'employee',
      signIn: 'sso'
    });
    expect(none.res.status).toBe(400);
    expect(none.json.error!.fields!.signIn![0]).toMatch(/No single sign-on connection is set up yet/);
    const db = openTenantDb(env.DB_ACME);
    const adminActor = await actorFor(acmeDb(), 'admin@acme.example');
    await saveOauthConnection(env, db, adminActor, {
      kind: 'google',
      clientId: 'client-1',
      clientSecret: 'a-secret-value',
      entraTenant: '',
      devIssuerUrl: ''
    });
    await saveSignInRules(db, adminActor, { domains: ['acme.example'], createAccounts: false });
    const wrongDomain = await invite({
      name: 'Wrong Domain',
      email: freshEmail('elsewhere.test'),
      role: 'employee',
      signIn: 'sso'
    });
    expect(wrongDomain.res.status).toBe(400);
    expect(wrongDomain.json.error!.fields!.email![0]).toBe(
      'elsewhere.test isn’t an approved single sign-on domain. Add it in Settings › Single sign-on, or invite them with a password link.'
    );
  });

  it('is active with no password: password sign-in and "Forgot password?" can never give it one', async () => {
    const email = freshEmail('acme.example');
    const { res, json } = await invite({ name: 'Sam Sso', email, role: 'employee', signIn: 'sso' });
    expect(res.status).toBe(201);
    expect(json.status).toBe('active');
    const row = await one<{ status: string; password_hash: string | null }>(
      acmeDb(),
      'SELECT status, password_hash FROM users WHERE id = ?',
      json.id
    );
    expect(row).toEqual({ status: 'active', password_hash: null });
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM auth_tokens WHERE user_id = ?', json.id)).toBe(
      0
    );
    expect(await audits(acmeDb(), json.id, 'user.invited')).toBe(1);
    // They're told where to sign in; the mail carries no link to set a password.
    const mail = await env.DB_CONTROL.prepare(
      'SELECT subject, text_body FROM email_outbox WHERE to_address = ?'
    )
      .bind(email)
      .first<{ subject: string; text_body: string }>();
    expect(mail!.subject).toBe('You’ve been added to Acme Corporation on OnTrackio');
    expect(mail!.text_body).not.toContain('/reset-password/');
    // Password sign-in: the same answer as a wrong password, whatever they type.
    const signIn = await signInByApi(ACME, email, '');
    expect(signIn.cookie).toBeNull();
    const attempt = await passwordStep(email, 'any-password-at-all');
    expect(attempt.session).toBeNull();
    expect(await attempt.res.text()).toContain('Those credentials do not match our records');
    // "Forgot password?" answers as always but mails nothing.
    // Settled: the deferred mail work has finished before "nothing more was sent" is asserted.
    expect((await postFormSettled(`${ACME}/forgot-password`, { email }, [], freshAddress())).status).toBe(
      200
    );
    expect(await mails(email)).toBe(1);
    // Even a reset token minted for them (say, before they became SSO-only) sets no password.
    const token = generateToken();
    await acmeDb()
      .prepare(
        "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at, created_at) VALUES (?, ?, 'password_reset', ?, ?)"
      )
      .bind(hashToken(token), json.id, Date.now() + 3_600_000, Date.now())
      .run();
    expect(
      (
        await postForm(`${ACME}/reset-password/${token}`, {
          email,
          password: NEW_PASSWORD,
          confirm: NEW_PASSWORD
        })
      ).status
    ).toBe(410);
    expect(
      (await one<{ password_hash: string | null }>(
        acmeDb(),
        'SELECT password_hash FROM users WHERE id = ?',
        json.id
      ))!.password_hash
    ).toBeNull();
    // The person page says how they sign in; they're not a pending invitation.
    expect(await (await pageGet(ACME, `/admin/people/${json.id}`, admin)).text()).toContain(
      'Single sign-on only'
    );
    const pending = (await (await apiGet(ACME, '/admin/people/invitations', admin)).json()) as {
      items: { id: string }[];
    };
    expect(pending.items.map((i) => i.id)).not.toContain(json.id);
  });
});

describe('roles', () => {
  it('the contract’s role list is the permission matrix’s', () => {
    expect([...ROLE_CHOICES]).toEqual([...ROLES]);
  });

  it('promoting gives the admin console on the next request; demoting takes it away; each change audited once', async () => {
    const u = await createUser();
    const { cookie } = await signInByApi(ACME, u.email, u.password);
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(403);
    const res = await postForm(`${ACME}/admin/people/${u.id}?/role`, { role: 'admin' }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Role changed.');
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(200);
    const row = await one<{ before: string; after: string; actor_id: string }>(
      acmeDb(),
      "SELECT before, after, actor_id FROM audit_log WHERE entity_id = ? AND action = 'user.role_changed'",
      u.id
    );
    expect(row).toEqual({
      before: JSON.stringify({ role: 'employee' }),
      after: JSON.stringify({ role: 'admin' }),
      actor_id: adminId
    });
    // The same role again: refused, nothing written.
    const same = await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'admin' });
    expect(same.status).toBe(409);
    expect(await audits(acmeDb(), u.id, 'user.role_changed')).toBe(1);
    expect((await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'employee' })).status).toBe(
      200
    );
    expect((await apiGet(ACME, '/admin/people', cookie)).status).toBe(403);
    expect(await audits(acmeDb(), u.id, 'user.role_changed')).toBe(2);
    // Unknown roles and ids.
    expect((await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'owner' })).status).toBe(400);
    expect((await apiWrite(ACME, '/admin/people/nobody/role', admin, { role: 'admin' })).status).toBe(404);
  });

  it('the last active administrator can’t be demoted, and is told why', async () => {
    // Globex has exactly one administrator.
    const gAdminId = await userId(globexDb(), 'admin@globex.example');
    const res = await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, globexAdmin, { role: 'employee' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(LAST_ADMIN_MESSAGE);
    const page = await postForm(
      `${GLOBEX}/admin/people/${gAdminId}?/role`,
      { role: 'employee' },
      globexAdmin
    );
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('You can’t remove the last active administrator');
    expect(
      (await one<{ role: string }>(globexDb(), 'SELECT role FROM users WHERE id = ?', gAdminId))!.role
    ).toBe('admin');
    expect(await audits(globexDb(), gAdminId, 'user.role_changed')).toBe(0);
  });

  it('two admins demoting each other at once: exactly one wins, an active admin always remains', async () => {
    const a = await createUser(globexDb(), { role: 'admin' });
    const aCookie = (await signInByApi(GLOBEX, a.email, a.password)).cookie!;
    const gAdminId = await userId(globexDb(), 'admin@globex.example');
    // Make the two new admins the only active ones for this race (the seeded one is restored below).
    const b = await createUser(globexDb(), { role: 'admin' });
    const bCookie = (await signInByApi(GLOBEX, b.email, b.password)).cookie!;
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, aCookie, { role: 'employee' })).status
    ).toBe(200);
    const [ra, rb] = await Promise.all([
      apiWrite(GLOBEX, `/admin/people/${b.id}/role`, aCookie, { role: 'employee' }),
      apiWrite(GLOBEX, `/admin/people/${a.id}/role`, bCookie, { role: 'employee' })
    ]);
    const statuses = [ra.status, rb.status].sort();
    // The loser is refused either by the guard (409) or, if the winner demoted it first, by the matrix (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(
      await scalar(globexDb(), "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'")
    ).toBe(1);
    // Restore the seeded admin for the rest of the file.
    const survivor = ra.status === 200 ? aCookie : bCookie;
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, survivor, { role: 'admin' })).status
    ).toBe(200);
  });

  it('two admins suspending each other at once: exactly one wins, an active admin always remains', async () => {
    const a = await createUser(globexDb(), { role: 'admin' });
    const b = await createUser(globexDb(), { role: 'admin' });
    const [aCookie, bCookie] = [
      (await signInByApi(GLOBEX, a.email, a.password)).cookie!,
      (await signInByApi(GLOBEX, b.email, b.password)).cookie!
    ];
    // Setup only: take every other admin out of the count so a and b are the only active admins.
    const others = (
      await globexDb()
        .prepare("SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND id NOT IN (?, ?)")
        .bind(a.id, b.id)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const setStatus = (status: string) =>
      globexDb().batch(
        others.map((id) => globexDb().prepare('UPDATE users SET status = ? WHERE id = ?').bind(status, id))
      );
    await setStatus('suspended');
    try {
      const [ra, rb] = await Promise.all([
        apiWrite(GLOBEX, `/admin/people/${b.id}/status`, aCookie, { status: 'suspended' }),
        apiWrite(GLOBEX, `/admin/people/${a.id}/status`, bCookie, { status: 'suspended' })
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses[0]).toBe(200);
      // The loser: refused by the guard (409) or already signed out by the winner's suspension (401).
      expect([401, 409]).toContain(statuses[1]);
      expect(
        await scalar(globexDb(), "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'")
      ).toBe(1);
    } finally {
      await setStatus('active');
    }
  });

  it('suspending the other admin while you are the only other one: allowed; suspending yourself never', async () => {
    const other = await createUser(acmeDb(), { role: 'admin' });
    expect(
      (await apiWrite(ACME, `/admin/people/${other.id}/status`, admin, { status: 'suspended' })).status
    ).toBe(200);
    expect(
      (await apiWrite(ACME, `/admin/people/${adminId}/status`, admin, { status: 'suspended' })).status
    ).toBe(409);
  });

  it('an admin who demotes themselves (another admin remains) is sent to My view', async () => {
    const me = await createUser(acmeDb(), { role: 'admin' });
    const cookie = (await signInByApi(ACME, me.email, me.password)).cookie!;
    const res = await postForm(`${ACME}/admin/people/${me.id}?/role`, { role: 'employee' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my');
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(403);
  });
});

describe('who may do this', () => {
  it('employees get 403 on every new page, action and API route; nothing changes', async () => {
    const target = await createUser(acmeDb(), { status: 'invited', password: null });
    const email = freshEmail();
    for (const path of ['/admin/people/invite', '/admin/people', `/admin/people/${target.id}`]) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
    }
    expect(
      (
        await postForm(
          `${ACME}/admin/people/invite`,
          {
            name: 'X',
            email,
            role: 'admin',
            signIn: 'password'
          },
          ada
        )
      ).status
    ).toBe(403);
    expect((await postForm(`${ACME}/admin/people?/resend`, { userId: target.id }, ada)).status).toBe(403);
    expect((await postForm(`${ACME}/admin/people?/revoke`, { userId: target.id }, ada)).status).toBe(403);
    expect((await postForm(`${ACME}/admin/people/${adaId}?/role`, { role: 'admin' }, ada)).status).toBe(403);
    expect((await apiGet(ACME, '/admin/people/invitations', ada)).status).toBe(403);
    expect(
      (
        await apiWrite(ACME, '/admin/people/invitations', ada, {
          name: 'X',
          email,
          role: 'admin',
          signIn: 'password'
        })
      ).status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/people/invitations/${target.id}/resend`, ada)).status).toBe(403);
    expect(
      (await apiWrite(ACME, `/admin/people/invitations/${target.id}`, ada, undefined, 'DELETE')).status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/people/${adaId}/role`, ada, { role: 'admin' })).status).toBe(403);
    expect((await apiGet(ACME, '/admin/dashboard', ada)).status).toBe(403);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', email)).toBe(0);
    expect((await one<{ role: string }>(acmeDb(), 'SELECT role FROM users WHERE id = ?', adaId))!.role).toBe(
      'employee'
    );
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE id = ?', target.id)).toBe(1);
  });

  it('another workspace’s admin: refused on this host, and this workspace’s ids are unknown on theirs', async () => {
    const target = await createUser(acmeDb(), { status: 'invited', password: null });
    const email = freshEmail();
    expect([401, 403]).toContain(
      (
        await apiWrite(ACME, '/admin/people/invitations', globexAdmin, {
          name: 'X',
          email,
          role: 'admin',
          signIn: 'password'
        })
      ).status
    );
    expect([401, 403]).toContain(
      (await apiWrite(ACME, `/admin/people/${adaId}/role`, globexAdmin, { role: 'admin' })).status
    );
    expect([302, 303, 401, 403]).toContain(
      (
        await postForm(
          `${ACME}/admin/people/invite`,
          {
            name: 'X',
            email,
            role: 'admin',
            signIn: 'password'
          },
          globexAdmin
        )
      ).status
    );
    // On Globex's own host, Acme's people don't exist.
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${adaId}/role`, globexAdmin, { role: 'admin' })).status
    ).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/people/invitations/${target.id}/resend`, globexAdmin)).status
    ).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/people/invitations/${target.id}`, globexAdmin, undefined, 'DELETE'))
        .status
    ).toBe(404);
    const list = (await (await apiGet(GLOBEX, '/admin/people/invitations', globexAdmin)).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).not.toContain(target.id);
    // An invitation sent from Globex lands in Globex only, with a Globex link.
    const gEmail = freshEmail();
    expect(
      (
        await invite(
          { name: 'Globex Guest', email: gEmail, role: 'employee', signIn: 'password' },
          globexAdmin,
          GLOBEX
        )
      ).res.status
    ).toBe(201);
    expect(await invitationLinkFor(gEmail)).toMatch(/^http:\/\/globex\.localhost:8787\/reset-password\//);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', gEmail)).toBe(0);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', email)).toBe(0);
    expect((await one<{ role: string }>(acmeDb(), 'SELECT role FROM users WHERE id = ?', adaId))!.role).toBe(
      'employee'
    );
  });
});

describe('Invite when the mail can’t go out', () => {
  it('keeps the invited person, reports the unsent mail, and Resend says so instead of failing', async () => {
    const { inviteUserForWorkspace, resendInvitationForWorkspace } =
      await import('../../src/lib/server/people/invitations');
    // why: a mail provider outage can't be produced for real here; a control DB whose writes throw stands in for it.
    const brokenControl = {
      prepare: () => {
        throw new Error('mail store unavailable');
      }
    } as unknown as D1Database;
    const ctx = {
      env: { ...env, DB_CONTROL: brokenControl, APP_ENV: 'development' },
      slug: 'acme',
      workspaceName: 'Acme Corporation',
      origin: ACME
    };
    const db = openTenantDb(acmeDb());
    const admin = await actorFor(acmeDb(), 'admin@acme.example');
    const email = `unsent-${crypto.randomUUID().slice(0, 8)}@acme.example`;
    const result = await inviteUserForWorkspace(ctx as never, db, admin, {
      name: 'Unsent Person',
      email,
      role: 'employee',
      signIn: 'password'
    });
    expect(result).toMatchObject({ ok: true, mailSent: false });
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM users WHERE email = ?', email))!.status
    ).toBe('invited');
    const resent = await resendInvitationForWorkspace(
      ctx as never,
      db,
      admin,
      (result as { userId: string }).userId
    );
    expect(resent).toMatchObject({ ok: false, code: 'mail_failed' });
  });
});
