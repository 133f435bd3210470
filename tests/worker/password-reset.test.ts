// Issue 3 §5: "Forgot password?" → reset mail → "Set a new password", and invitation links.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, DEMO_PASSWORD, fetchWorker, freshAddress, get, postForm, postFormSettled } from './helpers';
import { scalar } from './helpers-data';
import { ageRateLimit, createUser, enrolTotp, passwordStep, signedInUser } from './helpers-security';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { requestPasswordReset } from '../../src/lib/server/auth/password-reset';
import { openTenantDb } from '../../src/lib/server/db';

const NEW_PASSWORD = 'correct-horse-battery';

async function askForReset(email: string, address = freshAddress()) {
  return postForm(`${ACME}/forgot-password`, { email }, [], address);
}

/** The reset link mailed to an address (the outbox in development), waiting for the deferred send. */
async function resetLinkFor(email: string, after = 0): Promise<string | null> {
  for (let i = 0; i < 40; i++) {
    const row = await env.DB_CONTROL.prepare(
      "SELECT text_body FROM email_outbox WHERE to_address = ? AND workspace_slug = 'acme' AND created_at >= ? ORDER BY created_at DESC LIMIT 1"
    )
      .bind(email, after)
      .first<{ text_body: string }>();
    const link =
      row && /(http:\/\/acme\.localhost:8787\/reset-password\/[a-z2-7]{32})/.exec(row.text_body)?.[1];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

async function mailCount(email: string): Promise<number> {
  const row = await env.DB_CONTROL.prepare('SELECT COUNT(*) AS n FROM email_outbox WHERE to_address = ?')
    .bind(email)
    .first<{ n: number }>();
  return row!.n;
}

describe('requesting a reset link', () => {
  it('links "Forgot password?" from Sign in to the "Forgot your password?" page', async () => {
    const login = await (await fetchWorker(`${ACME}/login`)).text();
    expect(login).toContain('href="/forgot-password"');
    expect(login).toContain('Forgot password?');
    const page = await (await fetchWorker(`${ACME}/forgot-password`)).text();
    expect(page).toContain('Forgot your password?');
    expect(page).toContain('Email me a reset link');
  });

  it('answers the same for a registered and an unknown address, and mails only the registered one', async () => {
    const u = await createUser();
    const unknown = `nobody-${Date.now()}@example.test`;
    // Settled: the mail work the action deferred has finished before anything is asserted.
    const known = await postFormSettled(`${ACME}/forgot-password`, { email: u.email });
    const other = await postFormSettled(`${ACME}/forgot-password`, { email: unknown });
    expect(known.status).toBe(other.status);
    // The same page but for the address typed and the CSP nonce (fresh in every response).
    const strip = (html: string, email: string) =>
      html.replaceAll(email, 'EMAIL').replace(/nonce="[^"]*"/g, 'nonce=""');
    expect(strip(await known.text(), u.email)).toBe(strip(await other.text(), unknown));
    expect(await resetLinkFor(u.email)).not.toBeNull();
    expect(await mailCount(unknown)).toBe(0);
  });

  it('does the same work before answering for a registered and an unknown address: the lookup and the mail come after', async () => {
    const u = await createUser();
    const ghost = `ghost-${Date.now()}@example.test`;
    const db = openTenantDb(env.DB_ACME);
    const ask = async (email: string) => {
      const jobs: (() => Promise<void>)[] = [];
      const answer = await requestPasswordReset(
        env,
        'acme',
        db,
        ACME,
        'Acme Corporation',
        email,
        freshAddress(),
        (job) => jobs.push(job)
      );
      return { answer, jobs };
    };
    const known = await ask(u.email);
    const unknown = await ask(ghost);
    // The same answer, and the same single job handed over for after the response ...
    expect(known.answer).toEqual({ ok: true });
    expect(unknown.answer).toEqual(known.answer);
    expect(known.jobs).toHaveLength(1);
    expect(unknown.jobs).toHaveLength(1);
    // ... which had not started when the answer was given: no link exists for the registered address yet.
    const links = () => scalar(env.DB_ACME, 'SELECT count(*) AS n FROM auth_tokens WHERE user_id = ?', u.id);
    expect(await links()).toBe(0);
    await Promise.all([...known.jobs, ...unknown.jobs].map((job) => job()));
    expect(await links()).toBe(1);
    expect(await mailCount(u.email)).toBe(1);
    expect(await mailCount(ghost)).toBe(0);
  });

  it('rate-limits per address asked for and per client, counting unknown addresses the same, and releases after the window', async () => {
    const u = await createUser();
    for (let i = 0; i < 3; i++) expect((await askForReset(u.email)).status).toBe(200);
    const limited = await askForReset(u.email);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Too many reset requests\. Try again in (59|60) minutes\./);

    const ghost = `ghost-${Date.now()}@example.test`;
    for (let i = 0; i < 3; i++) await askForReset(ghost);
    expect((await askForReset(ghost)).status).toBe(429);

    const client = freshAddress();
    for (let i = 0; i < 10; i++)
      expect((await askForReset(`c${i}-${Date.now()}@example.test`, client)).status).toBe(200);
    expect((await askForReset(`c11-${Date.now()}@example.test`, client)).status).toBe(429);

    await ageRateLimit(`acme:resetRequestEmail:${u.email}`, 60 * 60 * 1000);
    expect((await askForReset(u.email)).status).toBe(200);
  });

  it('does not exist on the central address', async () => {
    const res = await fetchWorker('http://app.localhost:8787/forgot-password');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const token = await fetchWorker(`http://app.localhost:8787/reset-password/${generateToken()}`);
    expect(token.status).toBe(303);
  });

  it('validates the email field inline without a 500', async () => {
    const res = await askForReset('not-an-email');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter a valid email address.');
  });
});

describe('setting a new password from the link', () => {
  it('sets the password, ends every session, and works only once', async () => {
    const u = await signedInUser();
    const since = Date.now();
    await askForReset(u.email);
    const link = (await resetLinkFor(u.email, since))!;
    const page = await fetchWorker(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('strict-origin');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const label of [
      'Set a new password',
      'Email',
      'New password',
      'Confirm new password',
      'Set new password'
    ])
      expect(html).toContain(label);

    const short = await postForm(link, { email: u.email, password: 'too-short', confirm: 'too-short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Use at least 12 characters.');
    const mismatch = await postForm(link, {
      email: u.email,
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}x`
    });
    expect(await mismatch.text()).toContain('The passwords don’t match.');
    const wrongEmail = await postForm(link, {
      email: 'someone-else@example.test',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD
    });
    expect(await wrongEmail.text()).toContain('This email doesn’t match the reset link.');

    const ok = await postForm(link, {
      email: u.email.toUpperCase(),
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your new password is set.');
    // The session from before the reset is gone; the old password no longer works; the new one does.
    expect((await get(`${ACME}/my`, [u.session])).status).toBe(303);
    expect((await passwordStep(u.email, DEMO_PASSWORD)).session).toBeNull();
    expect((await passwordStep(u.email, NEW_PASSWORD)).session).not.toBeNull();

    const again = await postForm(link, {
      email: u.email,
      password: 'yet-another-password',
      confirm: 'yet-another-password'
    });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This link has expired or has already been used.');
    expect((await passwordStep(u.email, NEW_PASSWORD)).session).not.toBeNull();
    expect(await (await fetchWorker(link)).text()).toContain(
      'This link has expired or has already been used.'
    );
  });

  it('refuses an expired link and a made-up one, changing nothing', async () => {
    const u = await createUser();
    const token = generateToken();
    await env.DB_ACME.prepare(
      "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at, created_at) VALUES (?, ?, 'password_reset', ?, ?)"
    )
      .bind(hashToken(token), u.id, Date.now() - 1000, Date.now() - 3_601_000)
      .run();
    for (const t of [token, generateToken(), 'not-a-token', 'x'.repeat(300)]) {
      const url = `${ACME}/reset-password/${t}`;
      expect(await (await fetchWorker(url)).text()).toContain(
        'This link has expired or has already been used.'
      );
      const post = await postForm(url, { email: u.email, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(post.status).toBe(410);
    }
    expect((await passwordStep(u.email, DEMO_PASSWORD)).session).not.toBeNull();
  });

  it('still asks for the second factor after a reset', async () => {
    const u = await signedInUser();
    await enrolTotp(u.session);
    const since = Date.now();
    await askForReset(u.email);
    const link = (await resetLinkFor(u.email, since))!;
    expect(
      (await postForm(link, { email: u.email, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status
    ).toBe(200);
    const step = await passwordStep(u.email, NEW_PASSWORD);
    expect(step.session).toBeNull();
    expect(step.location).toBe('/login/two-factor');
  });

  it('lets an invited user set a first password from an invitation link, which activates the account', async () => {
    const u = await createUser(env.DB_ACME, { status: 'invited', password: null });
    const token = generateToken();
    await env.DB_ACME.prepare(
      "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at, created_at) VALUES (?, ?, 'invitation', ?, ?)"
    )
      .bind(hashToken(token), u.id, Date.now() + 7 * 86_400_000, Date.now())
      .run();
    const url = `${ACME}/reset-password/${token}`;
    expect(await (await fetchWorker(url)).text()).toContain('Set a new password');
    const ok = await postForm(url, { email: u.email, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    const row = await env.DB_ACME.prepare('SELECT status FROM users WHERE id = ?')
      .bind(u.id)
      .first<{ status: string }>();
    expect(row!.status).toBe('active');
    expect((await passwordStep(u.email, NEW_PASSWORD)).session).not.toBeNull();
  });

  it('shows the mail in the dev outbox of that workspace only', async () => {
    const u = await createUser();
    await askForReset(u.email);
    await resetLinkFor(u.email);
    const acme = await (await fetchWorker(`${ACME}/dev/outbox`)).text();
    expect(acme).toContain(u.email);
    expect(acme).toContain('Reset your Acme Corporation password');
    const globex = await (await fetchWorker('http://globex.localhost:8787/dev/outbox')).text();
    expect(globex).not.toContain(u.email);
  });
});
