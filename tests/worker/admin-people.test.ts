// Admin › People beyond the list (issue 6 §2): inviting (password link or SSO only), pending
// invitations (resend, revoke), the link's expiry and single use, duplicates, SSO-only accounts kept
// away from passwords, role changes with the last-admin guard, audit rows, and other workspaces refused.
// Everything under test goes through fetch (pages, form actions, /api/v1); the DB is read to check.
// Split by topic into this file and admin-people-sso.test.ts, admin-people-roles.test.ts, admin-people-access.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, fetchWorker, pageGet, postForm } from './helpers';
import { freshInviteeEmail, auditCount, invitationLinkFor, mailsTo, inviteByApi } from './helpers-people';
import { acmeDb, one, scalar } from './helpers-data';
import { passwordStep } from './helpers-security';
import { hashToken } from '../../src/lib/server/auth/tokens';

const NEW_PASSWORD = 'a-long-first-password';

let admin: string;
const invite = (body: Record<string, unknown>, cookie = admin, origin = ACME) =>
  inviteByApi(body, cookie, origin);

beforeAll(async () => {
  admin = await adminCookie(ACME);
});

describe('inviting with a password link', () => {
  it('creates an invited account, mails a single-use link; the link sets the password and activates the account', async () => {
    const email = freshInviteeEmail();
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
    expect(await auditCount(acmeDb(), json.id, 'user.invited')).toBe(1);
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
    const email = freshInviteeEmail();
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
    expect(await auditCount(acmeDb(), json.id, 'user.invitation_resent')).toBe(1);
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
    const email = freshInviteeEmail();
    const { json } = await invite({ name: 'Rex Revoked', email, role: 'admin', signIn: 'password' });
    const link = (await invitationLinkFor(email))!;
    const res = await postForm(`${ACME}/admin/people?/revoke`, { userId: json.id, email }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`The invitation for ${email} was withdrawn.`);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE id = ?', json.id)).toBe(0);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM auth_tokens WHERE user_id = ?', json.id)).toBe(
      0
    );
    expect(await auditCount(acmeDb(), json.id, 'user.invitation_revoked')).toBe(1);
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
    expect(await mailsTo('ada@acme.example')).toBe(0);
  });

  it('two admins inviting the same address at once: one account, the other told it is taken', async () => {
    const email = freshInviteeEmail();
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
    const email = freshInviteeEmail();
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
    expect(await mailsTo(email)).toBe(1);
  });
});
