// Issue 3 §1-§3: My profile › Security (authenticator, recovery codes, sudo mode, sessions, password, passkeys).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, fetchWorker, get, postForm, sessionCookieFrom } from './helpers';
import {
  createUser,
  passwordStep,
  signedInUser,
  totpCode,
  challengeFor,
  userWithTotp
} from './helpers-security';

const TF = `${ACME}/login/two-factor`;
const SEC = `${ACME}/my/profile/security`;

describe('My profile › Security', () => {
  it('needs a current code before turning the authenticator on', async () => {
    const u = await signedInUser();
    await postForm(`${SEC}?/totpStart`, {}, [u.session]);
    const wrong = await postForm(`${SEC}?/totpConfirm`, { code: '000000' }, [u.session]);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That code didn’t work');
    // Not on yet: the password alone still signs in.
    expect((await passwordStep(u.email)).session).not.toBeNull();
  });

  it('asks for the password again (sudo mode) before turning a factor off', async () => {
    const u = await userWithTotp();
    const session = sessionCookieFrom(
      await postForm(`${TF}?/totp`, { code: totpCode(u.secret, 1) }, [await challengeFor(u.email)])
    )!;
    const off = await postForm(`${SEC}?/totpDisable`, {}, [session]);
    expect(off.status).toBe(403);
    expect(await off.text()).toContain('Confirm your password');

    const wrong = await postForm(`${SEC}?/sudo`, { password: 'not-my-password' }, [session]);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That password is not correct.');
    const sudo = await postForm(`${SEC}?/sudo`, { password: u.password }, [session]);
    expect(sudo.status).toBe(200);
    const offAgain = await postForm(`${SEC}?/totpDisable`, {}, [session]);
    expect(offAgain.status).toBe(200);
    expect(await offAgain.text()).toContain('Authenticator app turned off.');
    // The last factor is gone: recovery codes go with it, and the password alone signs in again.
    const left = await env.DB_ACME.prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?')
      .bind(u.id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await passwordStep(u.email)).session).not.toBeNull();
  });

  it('generates a fresh set of recovery codes that invalidates the old set', async () => {
    const u = await userWithTotp();
    await postForm(`${SEC}?/sudo`, { password: u.password }, [u.session]);
    const res = await postForm(`${SEC}?/recoveryRegenerate`, {}, [u.session]);
    expect(res.status).toBe(200);
    const fresh = [...(await res.text()).matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map(
      (m) => m[1]
    );
    expect(fresh).toHaveLength(10);
    const oldTry = await postForm(`${TF}?/recovery`, { code: u.recoveryCodes[0] }, [
      await challengeFor(u.email)
    ]);
    expect(oldTry.status).toBe(400);
    const newTry = await postForm(`${TF}?/recovery`, { code: fresh[0] }, [await challengeFor(u.email)]);
    expect(newTry.status).toBe(303);
  });

  it('lists active sessions with this one marked, and signs out the others', async () => {
    const u = await signedInUser();
    const other = (await passwordStep(u.email)).session!;
    const page = await (await get(SEC, [u.session])).text();
    expect(page).toContain('Active sessions');
    expect(page.match(/This device/g)).toHaveLength(1);
    const out = await postForm(`${SEC}?/signOutOthers`, {}, [u.session]);
    expect(await out.text()).toContain('Signed out of 1 other session.');
    expect((await get(`${ACME}/my`, [other])).status).toBe(303);
    expect((await get(`${ACME}/my`, [u.session])).status).toBe(200);
  });

  it('changes the password with the current one, ending the other sessions', async () => {
    const u = await signedInUser();
    const other = (await passwordStep(u.email)).session!;
    const bad = await postForm(
      `${SEC}?/changePassword`,
      {
        current: 'wrong-password!',
        password: 'a-brand-new-password',
        confirm: 'a-brand-new-password',
        signOutOthers: 'on'
      },
      [u.session]
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('That password is not correct.');
    const short = await postForm(
      `${SEC}?/changePassword`,
      { current: u.password, password: 'short', confirm: 'short' },
      [u.session]
    );
    expect(await short.text()).toContain('Use at least 12 characters.');
    const mismatch = await postForm(
      `${SEC}?/changePassword`,
      { current: u.password, password: 'a-brand-new-password', confirm: 'another-password-1' },
      [u.session]
    );
    expect(await mismatch.text()).toContain('The passwords don’t match.');

    const ok = await postForm(
      `${SEC}?/changePassword`,
      {
        current: u.password,
        password: 'a-brand-new-password',
        confirm: 'a-brand-new-password',
        signOutOthers: 'on'
      },
      [u.session]
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Password changed. 1 other session signed out.');
    expect((await get(`${ACME}/my`, [other])).status).toBe(303);
    expect((await get(`${ACME}/my`, [u.session])).status).toBe(200);
    expect((await passwordStep(u.email, 'a-brand-new-password')).session).not.toBeNull();
  });

  it('never removes another user’s passkey', async () => {
    const owner = await createUser();
    await env.DB_ACME.prepare(
      'INSERT INTO passkeys (id, user_id, name, public_key, counter, created_at) VALUES (?, ?, ?, ?, 0, ?)'
    )
      .bind(`pk-${owner.id}`, owner.id, 'Owner key', 'AAAA', Date.now())
      .run();
    const intruder = await signedInUser();
    await postForm(`${SEC}?/sudo`, { password: intruder.password }, [intruder.session]);
    const res = await postForm(`${SEC}?/passkeyRemove`, { id: `pk-${owner.id}` }, [intruder.session]);
    expect(res.status).toBe(409);
    const still = await env.DB_ACME.prepare('SELECT COUNT(*) AS n FROM passkeys WHERE id = ?')
      .bind(`pk-${owner.id}`)
      .first<{ n: number }>();
    expect(still!.n).toBe(1);
    // And the owner's passkey is not listed on the intruder's page.
    expect(await (await get(SEC, [intruder.session])).text()).not.toContain('Owner key');
  });

  it('is only for signed-in users', async () => {
    const res = await fetchWorker(SEC);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fmy%2Fprofile%2Fsecurity');
  });
});
