// The rate limit on /login/sso/* (LIMITS.ssoAddress): one counter per client address and workspace.
import { attemptLimit, forgiveLimit, type RateLimitEnv } from '../ratelimit/limits';

export async function ssoRequestAllowed(
  env: RateLimitEnv,
  slug: string,
  clientAddress: string
): Promise<boolean> {
  return (await attemptLimit(env, slug, 'ssoAddress', clientAddress)).allowed;
}

/** A completed sign-in gives one hit back (people behind one office address). */
export function forgiveSsoRequest(env: RateLimitEnv, slug: string, clientAddress: string): Promise<void> {
  return forgiveLimit(env, slug, 'ssoAddress', clientAddress);
}
