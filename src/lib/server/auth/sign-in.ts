// Password sign-in (seed 002), written once for the Sign in page and POST /api/v1/auth/sign-in: both
// only parse, call signInWithPassword, set the cookie it names and answer. Order matters for privacy
// and exactness:
//   1. count the attempt for the account and the client address (exact, in Durable Objects);
//   2. verify the password: an unknown email runs the same scrypt verification against a hash that
//      never matches (password.ts NEVER_MATCHING_HASH), so timing does not tell who has an account;
//   3. only a correct password learns that an account is not active;
//   4. an account with a second factor gets a pending challenge, never a session, here.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import type { Role } from '../authz/roles';
import type { SignInInput } from '../../contracts/auth';
import { attemptLimit, forgiveLimit, resetLimit, describeWait, type RateLimitEnv } from '../ratelimit/limits';
import { NEVER_MATCHING_HASH, verifyPassword } from './password';
import { createSession, type SessionEnv } from './session';
import { startChallenge, type ChallengeEnv } from './challenge';
import { hasSecondFactor, twoFactorFactsForUser } from './two-factor-status';

export const SIGN_IN_MESSAGES = {
  invalid: 'Those credentials do not match our records',
  inactive: 'This account is not active',
  tooMany: (wait: string) => `Too many login attempts. Try again in ${wait}.`
} as const;

export type SignInFailure =
  | { ok: false; code: 'invalid_credentials' | 'account_inactive'; message: string }
  | { ok: false; code: 'rate_limited'; message: string; retryAfterSeconds: number };

export type SignInResult =
  /** Signed in: the caller sets the session cookie; `role` picks the landing page. */
  | { ok: true; outcome: 'session'; sessionToken: string; persistent: boolean; role: Role }
  /** The password was right but a second factor is due: the caller sets the challenge cookie. */
  | { ok: true; outcome: 'two_factor_challenge'; challengeToken: string; challengeMaxAgeSeconds: number }
  | SignInFailure;

export type SignInEnv = RateLimitEnv & SessionEnv & ChallengeEnv;

export interface SignInClient {
  address: string;
  userAgent: string | null;
  /** Where to go after the second factor (already checked to be a safe local path), or null. */
  next: string | null;
}

export async function signInWithPassword(
  env: SignInEnv,
  slug: string,
  db: TenantDb,
  input: Pick<SignInInput, 'email' | 'password' | 'remember'>,
  client: SignInClient
): Promise<SignInResult> {
  const checked = await checkPassword(env, slug, db, input, client.address);
  if (!checked.ok) return checked;
  const { userId, role } = checked;

  if (hasSecondFactor(await twoFactorFactsForUser(db, userId))) {
    const challenge = await startChallenge(env, slug, {
      userId,
      persistent: input.remember,
      next: client.next
    });
    return {
      ok: true,
      outcome: 'two_factor_challenge',
      challengeToken: challenge.token,
      challengeMaxAgeSeconds: challenge.maxAgeSeconds
    };
  }

  const { token } = await createSession(env, slug, db, {
    userId,
    persistent: input.remember,
    authMethod: 'password',
    userAgent: client.userAgent,
    ipAddress: client.address
  });
  return { ok: true, outcome: 'session', sessionToken: token, persistent: input.remember, role };
}

/** Steps 1-3: the rate limits, the password, the account's status. */
async function checkPassword(
  env: RateLimitEnv,
  slug: string,
  db: TenantDb,
  input: Pick<SignInInput, 'email' | 'password'>,
  clientAddress: string
): Promise<{ ok: true; userId: string; role: Role } | SignInFailure> {
  const [account, address] = await Promise.all([
    attemptLimit(env, slug, 'signInAccount', input.email),
    attemptLimit(env, slug, 'signInAddress', clientAddress)
  ]);
  const blocked = [account, address].filter((d) => !d.allowed);
  if (blocked.length > 0) {
    const retryAfterMs = Math.max(...blocked.map((d) => d.retryAfterMs));
    console.warn(
      JSON.stringify({
        event: 'auth.sign_in.rate_limited',
        slug,
        scope: account.allowed ? 'address' : 'account'
      })
    );
    return {
      ok: false,
      code: 'rate_limited',
      message: SIGN_IN_MESSAGES.tooMany(describeWait(retryAfterMs)),
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000)
    };
  }

  const user = await db.query.users.findFirst({
    where: eq(users.email, input.email),
    columns: { id: true, passwordHash: true, status: true, role: true }
  });
  // Exactly one verification on every path (no account, no password, wrong or right password).
  const matches = await verifyPassword(input.password, user?.passwordHash ?? NEVER_MATCHING_HASH);
  if (!user?.passwordHash || !matches) {
    return { ok: false, code: 'invalid_credentials', message: SIGN_IN_MESSAGES.invalid };
  }
  if (user.status !== 'active') {
    return { ok: false, code: 'account_inactive', message: SIGN_IN_MESSAGES.inactive };
  }

  await Promise.all([
    resetLimit(env, slug, 'signInAccount', input.email),
    forgiveLimit(env, slug, 'signInAddress', clientAddress)
  ]);
  return { ok: true, userId: user.id, role: user.role };
}
