// The second step of a password sign-in: an authenticator code, a recovery code or a passkey,
// checked against the pending challenge's user. Every attempt counts against an exact per-user
// limit (a Durable Object); a success clears it.
import type { TenantDb } from '../db';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { attemptLimit, describeWait, resetLimit, type RateLimitEnv } from '../ratelimit/limits';
import type { SecretBoxEnv } from './secret-box';
import { acceptTotpCodeForUser } from './totp';
import { spendRecoveryCodeForUser } from './recovery-codes';
import { verifyPasskeySignInForUser, type RelyingParty } from './passkeys';
import type { PendingChallenge } from './challenge';

export const TWO_FACTOR_MESSAGES = {
  expired: 'Your sign-in session expired. Go back to Sign in and start again.',
  wrongCode: 'That code didn’t work. Wait for the next code from your authenticator app and try again.',
  wrongRecoveryCode: 'That recovery code is not valid or has already been used.',
  passkeyFailed: 'That passkey could not be verified. Try again, or use a code instead.',
  tooMany: (wait: string) => `Too many attempts. Try again in ${wait}.`
} as const;

export type SecondFactorInput =
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON };

export type SecondFactorResult =
  | { ok: true; authMethod: 'password+totp' | 'password+recovery-code' | 'password+passkey' }
  | { ok: false; code: 'rate_limited' | 'invalid'; message: string; retryAfterSeconds?: number };

export async function checkSecondFactor(
  env: RateLimitEnv & SecretBoxEnv,
  slug: string,
  db: TenantDb,
  rp: RelyingParty,
  challenge: PendingChallenge,
  input: SecondFactorInput
): Promise<SecondFactorResult> {
  const decision = await attemptLimit(env, slug, 'twoFactorUser', challenge.userId);
  if (!decision.allowed) {
    return {
      ok: false,
      code: 'rate_limited',
      message: TWO_FACTOR_MESSAGES.tooMany(describeWait(decision.retryAfterMs)),
      retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000)
    };
  }
  let ok: boolean;
  let message: string = TWO_FACTOR_MESSAGES.wrongCode;
  if (input.method === 'totp') {
    ok = await acceptTotpCodeForUser(env, db, challenge.userId, input.code.replace(/\s/g, ''), 'sign-in');
  } else if (input.method === 'recovery') {
    ok = await spendRecoveryCodeForUser(db, challenge.userId, input.code);
    message = TWO_FACTOR_MESSAGES.wrongRecoveryCode;
  } else {
    ok =
      !!challenge.passkeyChallenge &&
      (await verifyPasskeySignInForUser(
        db,
        rp,
        challenge.userId,
        challenge.passkeyChallenge,
        input.response
      ));
    message = TWO_FACTOR_MESSAGES.passkeyFailed;
  }
  if (!ok) {
    console.warn(JSON.stringify({ event: 'auth.second_factor.failed', slug, method: input.method }));
    return { ok: false, code: 'invalid', message };
  }
  await resetLimit(env, slug, 'twoFactorUser', challenge.userId);
  const authMethod =
    input.method === 'totp'
      ? 'password+totp'
      : input.method === 'recovery'
        ? 'password+recovery-code'
        : 'password+passkey';
  return { ok: true, authMethod };
}
