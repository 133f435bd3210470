// Every rate limit that guards a secret, in one table (docs/security.md lists them).
// Counters are exact, held in the RateLimiter Durable Object, one object per tenant-prefixed key.
import type { RateLimiter, RateDecision } from '../../../../worker/durable-objects/rate-limiter';

export const LIMITS = {
  // Failed or attempted password sign-ins for one account.
  signInAccount: { limit: 5, windowMs: 15 * 60 * 1000 },
  // Sign-in attempts from one client address (offices share addresses: successes are forgiven).
  signInAddress: { limit: 30, windowMs: 15 * 60 * 1000 },
  // Second-factor attempts (authenticator code, recovery code, passkey) for one user, at the
  // sign-in challenge and when confirming a new authenticator app. A success clears it.
  twoFactorUser: { limit: 5, windowMs: 15 * 60 * 1000 },
  // Password re-entry for sudo mode and the current password on "Change password", per user.
  passwordConfirmUser: { limit: 5, windowMs: 15 * 60 * 1000 },
  // "Email me a reset link": per address asked for (known or not: counted the same) ...
  resetRequestEmail: { limit: 3, windowMs: 60 * 60 * 1000 },
  // ... and per client address.
  resetRequestAddress: { limit: 10, windowMs: 60 * 60 * 1000 },
  // Automatic pairings an agent (one client address) may start (each creates a handshake object).
  pairingStartAddress: { limit: 20, windowMs: 15 * 60 * 1000 },
  // Wrong pairing codes (POST /agent/v1/enrol). Counted by the PairingCodes object itself, which holds
  // the codes, so that checking a code and counting a miss are one step (docs/pairing.md):
  // per client address (an IPv6 client by its /64, see addressKey) ...
  pairingCodeAddress: { limit: 10, windowMs: 15 * 60 * 1000 },
  // ... fewer per address while the workspace is past its alert level (the slowdown) ...
  pairingCodeAddressSlowed: { limit: 3, windowMs: 15 * 60 * 1000 },
  // ... and for the whole workspace: at this many misses the admins get an audit entry and the
  // slowdown starts. Never a lock-out: wrong codes from one party must not stop everyone's enrolment.
  pairingCodeWorkspaceAlert: { limit: 100, windowMs: 15 * 60 * 1000 },
  // Single sign-on requests (/login/sso/*: starting a sign-in, the OpenID callback, the SAML ACS)
  // from one client address. Each start stores state and each ACS post verifies an XML signature;
  // offices share addresses, so a completed sign-in is forgiven one hit.
  ssoAddress: { limit: 100, windowMs: 15 * 60 * 1000 },
  // Requests made with one API token (key: the token's id), counted after the token is known valid
  // and its address allowed, so nobody without the secret can use up an integration's allowance.
  apiToken: { limit: 600, windowMs: 60 * 1000 },
  // Help-desk webhooks refused for their signature or timestamp, per client address: the signing
  // secret is what they guess at. Checked before verifying, counted on each refusal.
  helpdeskWebhookAddress: { limit: 30, windowMs: 15 * 60 * 1000 }
} as const;
export type LimitName = keyof typeof LIMITS;

export interface RateLimitEnv {
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
}

export type { RateDecision };

function stub(env: RateLimitEnv, slug: string, name: LimitName, key: string) {
  // Invariant: every object name is prefixed with the tenant (DESIGN §3).
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`${slug}:${name}:${key}`));
}

export function attemptLimit(
  env: RateLimitEnv,
  slug: string,
  name: LimitName,
  key: string
): Promise<RateDecision> {
  const { limit, windowMs } = LIMITS[name];
  return stub(env, slug, name, key).attempt(limit, windowMs);
}

/** Looks at a counter without counting. */
export function peekLimit(
  env: RateLimitEnv,
  slug: string,
  name: LimitName,
  key: string
): Promise<RateDecision> {
  const { limit, windowMs } = LIMITS[name];
  return stub(env, slug, name, key).peek(limit, windowMs);
}

export function resetLimit(env: RateLimitEnv, slug: string, name: LimitName, key: string): Promise<void> {
  return stub(env, slug, name, key).reset();
}

export function forgiveLimit(env: RateLimitEnv, slug: string, name: LimitName, key: string): Promise<void> {
  return stub(env, slug, name, key).forgiveOne(LIMITS[name].windowMs);
}

/**
 * The key a client address is counted under. An IPv4 address is itself; an IPv6 client usually holds a
 * whole /64 and can change addresses inside it at will, so it is counted by its first four groups.
 */
export function addressKey(address: string): string {
  if (!address.includes(':') || address.includes('.')) return address;
  const [head, tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** "Try again in 14 minutes." — the wait, rounded up, in words a person reads. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
