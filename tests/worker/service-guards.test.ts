// Issue 12 §2: the services enforce their own rules, so a caller that skips the page and API guards (a
// personal API token, SCIM, a job) still can't skip them. The services are called directly here, the
// way such a caller would; the page and API behaviour is covered by the feature tests.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { actorFor, DEMO_PASSWORD, freshAddress } from './helpers';
import { one, scalar } from './helpers-data';
import { createUser, enrolTotp, signedInUser } from './helpers-security';
import { openTenantDb } from '../../src/lib/server/db';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { FORBIDDEN, type Actor, type UserActor } from '../../src/lib/server/authz/actor';
import { regenerateRecoveryCodes, turnOffTotp } from '../../src/lib/server/auth/factor-changes';
import { confirmPasswordForSudo } from '../../src/lib/server/auth/password-change';
import { SUDO_REQUIRED } from '../../src/lib/server/auth/sudo';
import { confirmTotpEnrolment } from '../../src/lib/server/auth/totp-enrolment';
import { setPersonStatusForWorkspace } from '../../src/lib/server/people/admin-people';
import { setTwoFactorRequired } from '../../src/lib/server/settings/security';
import { createProductForWorkspace } from '../../src/lib/server/software/admin-catalog';
import { signInWithPassword } from '../../src/lib/server/auth/sign-in';

const db = openTenantDb(env.DB_ACME);
const sessionIdOf = (cookie: string) => hashToken(cookie.split('=')[1]!);
const totpOn = (userId: string) =>
  scalar(
    env.DB_ACME,
    'SELECT count(*) AS n FROM totp_credentials WHERE user_id = ? AND confirmed_at IS NOT NULL',
    userId
  );

describe('turning off two-step verification (auth/factor-changes.ts)', () => {
  it('needs sudo in the service: a token caller (no session) and a session without sudo are refused', async () => {
    const me = await signedInUser();
    await enrolTotp(me.session);
    const actor = await actorFor(env.DB_ACME, me.email);
    const asToken: UserActor = { ...actor, via: 'token', tokenName: 'Laptop script' };

    expect(await turnOffTotp(env, 'acme', db, { actor: asToken, sessionId: null })).toEqual(SUDO_REQUIRED);
    const caller = { actor, sessionId: sessionIdOf(me.session) };
    expect(await turnOffTotp(env, 'acme', db, caller)).toEqual(SUDO_REQUIRED);
    expect(await totpOn(me.id)).toBe(1);
    // A token can't enter sudo mode either: it has no session to hold it.
    expect(
      (await confirmPasswordForSudo(env, 'acme', db, { actor: asToken, sessionId: null }, DEMO_PASSWORD)).ok
    ).toBe(false);

    expect(await confirmPasswordForSudo(env, 'acme', db, caller, DEMO_PASSWORD)).toEqual({ ok: true });
    expect(await turnOffTotp(env, 'acme', db, caller)).toEqual({ ok: true });
    expect(await totpOn(me.id)).toBe(0);
    // The change and its audit row were one batch, naming the person.
    expect(
      await one(
        env.DB_ACME,
        "SELECT actor_id FROM audit_log WHERE entity_id = ? AND action = 'totp.disabled'",
        me.id
      )
    ).toEqual({ actor_id: me.id });
  });

  it('new recovery codes need a second factor first, in the service', async () => {
    const me = await signedInUser();
    const caller = { actor: await actorFor(env.DB_ACME, me.email), sessionId: sessionIdOf(me.session) };
    expect(await confirmPasswordForSudo(env, 'acme', db, caller, DEMO_PASSWORD)).toEqual({ ok: true });
    expect(await regenerateRecoveryCodes(env, 'acme', db, caller)).toMatchObject({
      ok: false,
      code: 'second_factor_first',
      message: 'Set up an authenticator app or a passkey first.'
    });
  });

  it('confirming an authenticator app counts the attempt in the service (5, then the wait)', async () => {
    const me = await signedInUser();
    const actor = await actorFor(env.DB_ACME, me.email);
    for (let i = 0; i < 5; i++)
      expect(await confirmTotpEnrolment(env, 'acme', db, actor, '000000')).toMatchObject({
        ok: false,
        code: 'wrong_code'
      });
    expect(await confirmTotpEnrolment(env, 'acme', db, actor, '000000')).toMatchObject({
      ok: false,
      code: 'rate_limited'
    });
  });
});

describe('admin services check the permission on the actor they are given', () => {
  it('refuse an employee, change nothing and write no audit row', async () => {
    const employee = await actorFor(env.DB_ACME, 'ada@acme.example');
    const other = await createUser();
    const audits = () =>
      scalar(env.DB_ACME, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', other.id);
    expect(await setPersonStatusForWorkspace(env, 'acme', db, employee, other.id, 'suspended')).toEqual(
      FORBIDDEN
    );
    expect(await one(env.DB_ACME, 'SELECT status FROM users WHERE id = ?', other.id)).toEqual({
      status: 'active'
    });
    expect(await audits()).toBe(0);
    expect(await setTwoFactorRequired(db, employee, true)).toEqual(FORBIDDEN);
  });

  it('name a non-person actor in the audit row by its label (same batch as the change)', async () => {
    const service: Actor = { kind: 'service', tokenId: 't1', tokenName: 'Inventory sync' };
    const created = await createProductForWorkspace(db, service, {
      name: `Synced ${crypto.randomUUID().slice(0, 6)}`,
      vendor: 'Testware',
      approved: true
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : '';
    expect(
      await one(env.DB_ACME, 'SELECT actor_id, actor_label FROM audit_log WHERE entity_id = ?', id)
    ).toEqual({ actor_id: null, actor_label: 'Service token “Inventory sync”' });
  });
});

describe('sign-in (auth/sign-in.ts)', () => {
  it('gives an account with a second factor a challenge, never a session, whichever handler asks', async () => {
    const me = await signedInUser();
    await enrolTotp(me.session);
    const result = await signInWithPassword(
      env,
      'acme',
      db,
      { email: me.email, password: DEMO_PASSWORD, remember: false },
      { address: freshAddress(), userAgent: null, next: null }
    );
    expect(result).toMatchObject({ ok: true, outcome: 'two_factor_challenge' });
    expect(result).not.toHaveProperty('sessionToken');
  });
});
