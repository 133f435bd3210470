// Issue 3 §1-§3: the two-factor challenge at sign-in (TOTP, recovery codes, passkeys, rate limit).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, freshAddress, get, postForm, sessionCookieFrom, signInByApi } from './helpers';
import { ageRateLimit, passwordStep, totpCode, challengeFor, userWithTotp } from './helpers-security';
import { hashToken } from '../../src/lib/server/auth/tokens';

const TF = `${ACME}/login/two-factor`;

describe('the two-factor challenge', () => {
  it('gives a 2FA user no session after the password, only a challenge that leads to the page', async () => {
    const u = await userWithTotp();
    const step = await passwordStep(u.email);
    expect(step.res.status).toBe(303);
    expect(step.location).toBe('/login/two-factor');
    expect(step.session).toBeNull();
    const page = await get(TF, [step.challenge]);
    const html = await page.text();
    expect(html).toContain('Two-factor verification');
    expect(html).toContain('Password accepted. Enter your code to continue.');
    expect(html).toContain('6-digit code from your authenticator app');
    expect(html).toContain('Verify and sign in');
    expect(html).toContain('Lost your phone? Use a recovery code');
    expect(html).toContain('Sign in as a different user');
    // The challenge cookie is not a session.
    const my = await get(`${ACME}/my`, [step.challenge]);
    expect(my.status).toBe(303);
    expect(my.headers.get('location')).toContain('/login');
    // The JSON API refuses a session too.
    const api = await signInByApi(ACME, u.email);
    expect(api.res.status).toBe(200);
    expect(await api.res.json()).toMatchObject({ signedIn: false, twoFactorRequired: true });
    expect(api.cookie).toBeNull();
  });

  it('signs in with a current code (RFC 6238), and refuses the same code a second time', async () => {
    const u = await userWithTotp();
    // The enrolment used the current step; the next code (one step of drift) is still valid once.
    const code = totpCode(u.secret, 1);
    const ok = await postForm(`${TF}?/totp`, { code }, [await challengeFor(u.email)]);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/my');
    const session = sessionCookieFrom(ok);
    expect(session).not.toBeNull();
    expect((await get(`${ACME}/my`, [session])).status).toBe(200);
    const row = await env.DB_ACME.prepare('SELECT auth_method FROM sessions WHERE id = ?')
      .bind(hashToken(session!.split('=')[1]))
      .first();
    expect(row).toEqual({ auth_method: 'password+totp' });

    const replay = await postForm(`${TF}?/totp`, { code }, [await challengeFor(u.email)]);
    expect(replay.status).toBe(400);
    expect(sessionCookieFrom(replay)).toBeNull();
    expect(await replay.text()).toContain('That code didn’t work');
  });

  it('accepts one step of clock drift but not two, and refuses malformed codes without a 500', async () => {
    const u = await userWithTotp();
    const challenge = await challengeFor(u.email);
    const old = await postForm(`${TF}?/totp`, { code: totpCode(u.secret, -2) }, [challenge]);
    expect(old.status).toBe(400);
    for (const bad of ['', '12345', 'abcdef', '1234567', '<script>']) {
      const res = await postForm(`${TF}?/totp`, { code: bad }, [challenge]);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Enter the 6-digit code.');
    }
    const future = await postForm(`${TF}?/totp`, { code: totpCode(u.secret, 1) }, [challenge]);
    expect(future.status).toBe(303);
  });

  it('takes a recovery code once, then refuses it, and prompts for a fresh set', async () => {
    const u = await userWithTotp();
    expect(u.recoveryCodes).toHaveLength(10);
    const recoveryPage = await (await get(`${TF}?recovery`, [await challengeFor(u.email)])).text();
    expect(recoveryPage).toContain('Recovery code');
    expect(recoveryPage).toContain('Use recovery code');

    // Typed in upper case without the dash: still the same code.
    const typed = u.recoveryCodes[0].toUpperCase().replace('-', '');
    const first = await postForm(`${TF}?/recovery`, { code: typed }, [await challengeFor(u.email)]);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/my/profile/security?recovery-code-used');
    const prompt = await (
      await get(`${ACME}/my/profile/security?recovery-code-used`, [sessionCookieFrom(first)])
    ).text();
    expect(prompt).toContain('You signed in with a recovery code. You have 9 left');

    const second = await postForm(`${TF}?/recovery`, { code: u.recoveryCodes[0] }, [
      await challengeFor(u.email)
    ]);
    expect(second.status).toBe(400);
    expect(sessionCookieFrom(second)).toBeNull();
    expect(await second.text()).toContain('That recovery code is not valid or has already been used.');
  });

  it('stores recovery codes hashed and the TOTP secret sealed, never in clear', async () => {
    const u = await userWithTotp();
    const codes = await env.DB_ACME.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ?')
      .bind(u.id)
      .all<{ code_hash: string }>();
    expect(codes.results).toHaveLength(10);
    for (const c of codes.results) expect(u.recoveryCodes).not.toContain(c.code_hash);
    expect(codes.results.map((c) => c.code_hash)).toContain(hashToken(u.recoveryCodes[3]));
    const totp = await env.DB_ACME.prepare('SELECT secret_encrypted FROM totp_credentials WHERE user_id = ?')
      .bind(u.id)
      .first<{ secret_encrypted: string }>();
    expect(totp!.secret_encrypted.startsWith('v1:')).toBe(true);
    expect(totp!.secret_encrypted).not.toContain(u.secret);
  });

  it('binds a sealed secret to its owner: copied onto another user it opens for no one, without a 500', async () => {
    const a = await userWithTotp();
    const b = await userWithTotp();
    await env.DB_ACME.prepare(
      'UPDATE totp_credentials SET secret_encrypted = (SELECT secret_encrypted FROM totp_credentials WHERE user_id = ?) WHERE user_id = ?'
    )
      .bind(a.id, b.id)
      .run();
    for (const secret of [a.secret, b.secret]) {
      const res = await postForm(`${TF}?/totp`, { code: totpCode(secret, 1) }, [await challengeFor(b.email)]);
      expect(res.status).toBe(400);
      expect(sessionCookieFrom(res)).toBeNull();
    }
  });

  it('ends with "Your sign-in session expired" when the challenge times out, or when there is none', async () => {
    const u = await userWithTotp();
    const challenge = await challengeFor(u.email);
    // why: waiting five minutes is not a test; move the stored deadline into the past instead.
    const key = `acme:2fa:${hashToken(challenge.split('=')[1])}`;
    const stored = JSON.parse((await env.SESSIONS.get(key))!);
    await env.SESSIONS.put(key, JSON.stringify({ ...stored, expiresAt: Date.now() - 1 }));

    const page = await (await get(TF, [challenge])).text();
    expect(page).toContain('Your sign-in session expired');
    expect(page).toContain('Back to Sign in');
    const post = await postForm(`${TF}?/totp`, { code: totpCode(u.secret, 1) }, [challenge]);
    expect(post.status).toBe(410);
    expect(sessionCookieFrom(post)).toBeNull();
    expect(await post.text()).toContain('Your sign-in session expired');

    expect(await (await get(TF)).text()).toContain('Your sign-in session expired');
  });

  it('abandons the challenge with "Sign in as a different user"', async () => {
    const u = await userWithTotp();
    const challenge = await challengeFor(u.email);
    const out = await postForm(`${TF}?/abandon`, {}, [challenge]);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const after = await postForm(`${TF}?/totp`, { code: totpCode(u.secret, 1) }, [challenge]);
    expect(after.status).toBe(410);
  });

  it('rate-limits wrong codes per user with an exact counter, shows the wait, and releases after the window', async () => {
    const u = await userWithTotp();
    const challenge = await challengeFor(u.email);
    for (let i = 0; i < 5; i++) {
      expect((await postForm(`${TF}?/totp`, { code: '000000' }, [challenge])).status).toBe(400);
    }
    // Even the right code is refused now, from any address.
    const blocked = await postForm(
      `${TF}?/totp`,
      { code: totpCode(u.secret, 1) },
      [challenge],
      freshAddress()
    );
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/Too many attempts\. Try again in 1[45] minutes\./);
    // Recovery codes share the counter.
    expect((await postForm(`${TF}?/recovery`, { code: u.recoveryCodes[0] }, [challenge])).status).toBe(429);

    await ageRateLimit(`acme:twoFactorUser:${u.id}`, 15 * 60 * 1000);
    const released = await postForm(`${TF}?/totp`, { code: totpCode(u.secret, 1) }, [challenge]);
    expect(released.status).toBe(303);
  });

  it('refuses a forged passkey answer at the challenge without a session or a 500', async () => {
    const u = await userWithTotp();
    const challenge = await challengeFor(u.email);
    for (const response of ['', 'not json', JSON.stringify({ id: 'nope', response: {} }), '[]']) {
      const res = await postForm(`${TF}?/passkey`, { response }, [challenge]);
      expect(res.status).toBe(400);
      expect(sessionCookieFrom(res)).toBeNull();
    }
  });
});
