// Password sign-in (seed 002). Order matters for privacy and exactness:
//   1. count the attempt for the account and the client address (exact, in Durable Objects);
//   2. verify the password (an unknown email burns the same hashing time);
//   3. only a correct password learns that an account is not active.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import type { SignInInput } from '../../contracts/auth';
import { attemptLimit, forgiveLimit, resetLimit, describeWait, type RateLimitEnv } from '../ratelimit/limits';
import { burnPasswordCheck, verifyPassword } from './password';

export const SIGN_IN_MESSAGES = {
  invalid: 'Those credentials do not match our records',
  inactive: 'This account is not active',
  tooMany: (wait: string) => `Too many login attempts. Try again in ${wait}.`
} as const;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; code: 'invalid_credentials' | 'account_inactive'; message: string }
  | { ok: false; code: 'rate_limited'; message: string; retryAfterSeconds: number };

export async function signInWithPassword(
  env: RateLimitEnv,
  slug: string,
  db: TenantDb,
  input: Pick<SignInInput, 'email' | 'password'>,
  clientAddress: string
): Promise<SignInResult> {
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
    columns: { id: true, passwordHash: true, status: true }
  });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await burnPasswordCheck(input.password), false);

  if (!user || !passwordOk) {
    return { ok: false, code: 'invalid_credentials', message: SIGN_IN_MESSAGES.invalid };
  }
  if (user.status !== 'active') {
    return { ok: false, code: 'account_inactive', message: SIGN_IN_MESSAGES.inactive };
  }

  await Promise.all([
    resetLimit(env, slug, 'signInAccount', input.email),
    forgiveLimit(env, slug, 'signInAddress', clientAddress)
  ]);
  return { ok: true, userId: user.id };
}
