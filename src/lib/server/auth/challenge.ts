// The pending two-factor challenge between a correct password and the second factor (seed 002,
// "Complete the two-factor challenge"). No session exists yet: the browser holds a short-lived
// random token in its own cookie; KV holds `<slug>:2fa:<sha256(token)>` with the user and the
// sign-in choices for CHALLENGE_TTL_MS. Expiry is checked against the stored deadline, not only
// KV's TTL (KV may serve a stale copy for a while). Completing or abandoning deletes both.
import { generateToken, hashToken, looksLikeToken } from './tokens';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export interface ChallengeEnv {
  SESSIONS: KVNamespace;
}

export interface PendingChallenge {
  userId: string;
  persistent: boolean;
  next: string | null;
  expiresAt: number;
  /** The WebAuthn challenge offered on the page, when the user has passkeys. */
  passkeyChallenge?: string;
}

const key = (slug: string, token: string) => `${slug}:2fa:${hashToken(token)}`;

export function challengeCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-ontrackio_2fa' : 'ontrackio_2fa';
}

export function challengeCookieOptions(url: URL, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    secure: url.protocol === 'https:',
    sameSite: 'lax' as const,
    maxAge: maxAgeSeconds
  };
}

export async function startChallenge(
  env: ChallengeEnv,
  slug: string,
  input: Omit<PendingChallenge, 'expiresAt'>
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = generateToken();
  const value: PendingChallenge = { ...input, expiresAt: Date.now() + CHALLENGE_TTL_MS };
  await env.SESSIONS.put(key(slug, token), JSON.stringify(value), { expirationTtl: CHALLENGE_TTL_MS / 1000 });
  return { token, maxAgeSeconds: CHALLENGE_TTL_MS / 1000 };
}

/** The live challenge for a cookie value, or null (absent, malformed, unknown or expired). */
export async function readChallenge(
  env: ChallengeEnv,
  slug: string,
  token: string | undefined
): Promise<PendingChallenge | null> {
  if (!looksLikeToken(token)) return null;
  const raw = await env.SESSIONS.get(key(slug, token));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as PendingChallenge;
    return value.expiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

/** Stores the WebAuthn challenge offered to the page, keeping the original deadline. */
export async function attachPasskeyChallenge(
  env: ChallengeEnv,
  slug: string,
  token: string,
  value: PendingChallenge,
  passkeyChallenge: string
) {
  const remainingS = Math.max(60, Math.ceil((value.expiresAt - Date.now()) / 1000));
  await env.SESSIONS.put(key(slug, token), JSON.stringify({ ...value, passkeyChallenge }), {
    expirationTtl: remainingS
  });
}

export async function endChallenge(
  env: ChallengeEnv,
  slug: string,
  token: string | undefined
): Promise<void> {
  if (looksLikeToken(token)) await env.SESSIONS.delete(key(slug, token));
}
