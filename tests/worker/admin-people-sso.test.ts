// Split from admin-people.test.ts (its header says what the set covers). This file: SSO-only accounts.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import {
  ACME,
  actorFor,
  adminCookie,
  apiGet,
  freshAddress,
  pageGet,
  postForm,
  postFormSettled,
  signInByApi
} from './helpers';
import { freshInviteeEmail, auditCount, mailsTo, inviteByApi } from './helpers-people';
import { acmeDb, one, scalar } from './helpers-data';
import { passwordStep } from './helpers-security';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { openTenantDb } from '../../src/lib/server/db';
import { saveOauthConnection, saveSignInRules } from '../../src/lib/server/sso/connections';

const NEW_PASSWORD = 'a-long-first-password';

let admin: string;
const invite = (body: Record<string, unknown>, cookie = admin, origin = ACME) =>
  inviteByApi(body, cookie, origin);

beforeAll(async () => {
  admin = await adminCookie(ACME);
});

describe('SSO-only accounts', () => {
  it('needs a configured SSO connection and an approved domain', async () => {
    const none = await invite({
      name: 'No SSO',
      email: freshInviteeEmail('acme.example'),
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
      email: freshInviteeEmail('elsewhere.test'),
      role: 'employee',
      signIn: 'sso'
    });
    expect(wrongDomain.res.status).toBe(400);
    expect(wrongDomain.json.error!.fields!.email![0]).toBe(
      'elsewhere.test isn’t an approved single sign-on domain. Add it in Settings › Single sign-on, or invite them with a password link.'
    );
  });

  it('is active with no password: password sign-in and "Forgot password?" can never give it one', async () => {
    const email = freshInviteeEmail('acme.example');
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
    expect(await auditCount(acmeDb(), json.id, 'user.invited')).toBe(1);
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
    expect(await mailsTo(email)).toBe(1);
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
