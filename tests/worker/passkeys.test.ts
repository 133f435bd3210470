// Passkeys through the public surface, with a software authenticator: register on My profile ›
// Security, use at the two-factor challenge, and the scoping rules (user, workspace).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { parse } from 'devalue';
import { ACME, fetchWorker, freshAddress, get, GLOBEX, postForm, sessionCookieFrom } from './helpers';
import { challengeOf, passwordStep, signedInUser } from './helpers-security';
import { SoftAuthenticator } from './helpers-passkey';
import { hashToken } from '../../src/lib/server/auth/tokens';

const SEC = `${ACME}/my/profile/security`;
const TF = `${ACME}/login/two-factor`;

/** Calls a form action the way the page's script does (enhanced), returning its data. */
async function action(url: string, fields: Record<string, string>, session: string, origin = ACME) {
  const res = await fetchWorker(url, {
    method: 'POST',
    address: freshAddress(),
    headers: {
      origin,
      cookie: session,
      'content-type': 'application/x-www-form-urlencoded',
      'x-sveltekit-action': 'true',
      accept: 'application/json'
    },
    body: new URLSearchParams(fields)
  });
  const body = (await res.json()) as { type: string; data: string };
  return { type: body.type, data: body.data ? (parse(body.data) as Record<string, unknown>) : {} };
}

async function registerPasskey(session: string, name: string, origin = ACME) {
  const auth = await SoftAuthenticator.create();
  const { data } = await action(`${origin}/my/profile/security?/passkeyOptions`, {}, session, origin);
  const options = data.passkeyOptions as { challenge: string; rp: { id: string } };
  const response = await auth.register(options, origin);
  const result = await action(
    `${origin}/my/profile/security?/passkeyRegister`,
    { name, response: JSON.stringify(response) },
    session,
    origin
  );
  return { auth, result };
}

/** The WebAuthn challenge the two-factor page offered (held in the pending challenge). */
async function offeredChallenge(challengeCookie: string, slug = 'acme', origin = ACME): Promise<string> {
  await get(`${origin}/login/two-factor`, [challengeCookie]);
  const stored = JSON.parse(
    (await env.SESSIONS.get(`${slug}:2fa:${hashToken(challengeCookie.split('=')[1])}`))!
  );
  return stored.passkeyChallenge;
}

describe('passkeys', () => {
  it('registers a named passkey, then signs in with it at the challenge and records its use', async () => {
    const u = await signedInUser();
    const { auth, result } = await registerPasskey(u.session, 'Soft key');
    expect(result.type).toBe('success');
    expect(result.data.notice).toBe('Passkey “Soft key” added.');
    expect(result.data.recoveryCodes).toHaveLength(10);
    const page = await (await get(SEC, [u.session])).text();
    expect(page).toContain('Soft key');
    expect(page).toContain('Never');

    const step = await passwordStep(u.email);
    expect(step.session).toBeNull();
    const challenge = step.challenge!;
    const html = await (await get(TF, [challenge])).text();
    expect(html).toContain('Use a passkey');
    expect(html).not.toContain('6-digit code from your authenticator app'); // no app set up
    const assertion = await auth.assert(await offeredChallenge(challenge), 'acme.localhost', ACME);
    const res = await postForm(`${TF}?/passkey`, { response: JSON.stringify(assertion) }, [challenge]);
    expect(res.status).toBe(303);
    const session = sessionCookieFrom(res);
    expect(session).not.toBeNull();
    const row = await env.DB_ACME.prepare('SELECT last_used_at, counter FROM passkeys WHERE id = ?')
      .bind(auth.id)
      .first<{ last_used_at: number; counter: number }>();
    expect(row!.last_used_at).toBeGreaterThan(0);
    expect(row!.counter).toBe(2);
  });

  it('refuses a passkey of another user, and an assertion for another challenge', async () => {
    const a = await signedInUser();
    const b = await signedInUser();
    const { auth: aKey } = await registerPasskey(a.session, 'A key');
    await registerPasskey(b.session, 'B key');
    const bChallenge = challengeOf((await passwordStep(b.email)).res)!;
    const stolen = await aKey.assert(await offeredChallenge(bChallenge), 'acme.localhost', ACME);
    const res = await postForm(`${TF}?/passkey`, { response: JSON.stringify(stolen) }, [bChallenge]);
    expect(res.status).toBe(400);
    expect(sessionCookieFrom(res)).toBeNull();

    const aChallenge = challengeOf((await passwordStep(a.email)).res)!;
    await offeredChallenge(aChallenge);
    const stale = await aKey.assert('c29tZS1vdGhlci1jaGFsbGVuZ2U', 'acme.localhost', ACME);
    expect((await postForm(`${TF}?/passkey`, { response: JSON.stringify(stale) }, [aChallenge])).status).toBe(
      400
    );
  });

  it('binds a passkey to its workspace: signed for another host it is refused', async () => {
    const u = await signedInUser();
    const { auth } = await registerPasskey(u.session, 'Acme key');
    const challenge = challengeOf((await passwordStep(u.email)).res)!;
    const wrongHost = await auth.assert(await offeredChallenge(challenge), 'globex.localhost', GLOBEX);
    expect(
      (await postForm(`${TF}?/passkey`, { response: JSON.stringify(wrongHost) }, [challenge])).status
    ).toBe(400);
  });

  it('renames and (in sudo mode) removes a passkey; removing the last factor drops the recovery codes', async () => {
    const u = await signedInUser();
    const { auth } = await registerPasskey(u.session, 'Old name');
    const renamed = await postForm(`${SEC}?/passkeyRename`, { id: auth.id, name: 'New name' }, [u.session]);
    expect(await renamed.text()).toContain('Passkey renamed.');
    const tooLong = await postForm(`${SEC}?/passkeyRename`, { id: auth.id, name: 'x'.repeat(61) }, [
      u.session
    ]);
    expect(tooLong.status).toBe(400);
    expect((await postForm(`${SEC}?/passkeyRemove`, { id: auth.id }, [u.session])).status).toBe(403);
    await postForm(`${SEC}?/sudo`, { password: u.password }, [u.session]);
    const removed = await postForm(`${SEC}?/passkeyRemove`, { id: auth.id }, [u.session]);
    expect(await removed.text()).toContain('Passkey removed.');
    const codes = await env.DB_ACME.prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?')
      .bind(u.id)
      .first<{ n: number }>();
    expect(codes!.n).toBe(0);
    expect((await passwordStep(u.email)).session).not.toBeNull();
  });

  it('opens a Rename field from ?rename= (no JavaScript) only for one of the person’s own passkeys', async () => {
    const u = await signedInUser();
    const other = await signedInUser();
    const mine = (await registerPasskey(u.session, 'Work laptop')).auth.id;
    const theirs = (await registerPasskey(other.session, 'Other key')).auth.id;
    const page = async (rename: string) => {
      const res = await get(`${SEC}?rename=${encodeURIComponent(rename)}`, [u.session], {
        headers: { accept: 'text/html' }
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const own = await page(mine);
    expect(own).toContain(`id="rename-${mine}"`);
    expect(own).toMatch(/name="name"[^>]*value="Work laptop"/);
    for (const hostile of [
      theirs,
      '<script>alert(1)</script>',
      '" autofocus onfocus="alert(1)',
      'x'.repeat(5000)
    ]) {
      const html = await page(hostile);
      expect(html, hostile.slice(0, 40)).not.toContain('id="rename-');
      expect(html).toContain('Work laptop');
      expect(html).not.toContain('Other key');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('onfocus="alert(1)');
    }
  });

  it('refuses a registration without a fresh options request, or with a forged answer', async () => {
    const u = await signedInUser();
    const auth = await SoftAuthenticator.create();
    const forged = await auth.register({ challenge: 'bm90LWlzc3VlZA', rp: { id: 'acme.localhost' } }, ACME);
    const none = await action(
      `${SEC}?/passkeyRegister`,
      { name: 'Forged', response: JSON.stringify(forged) },
      u.session
    );
    expect(none.type).toBe('failure');
    await action(`${SEC}?/passkeyOptions`, {}, u.session);
    const wrong = await action(
      `${SEC}?/passkeyRegister`,
      { name: 'Forged', response: JSON.stringify(forged) },
      u.session
    );
    expect(wrong.type).toBe('failure');
    expect(wrong.data.message).toBe('That passkey could not be verified. Try again.');
    const junk = await action(`${SEC}?/passkeyRegister`, { name: 'Junk', response: '{"id":1}' }, u.session);
    expect(junk.type).toBe('failure');
  });
});
