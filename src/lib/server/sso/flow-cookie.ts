// The in-flight OpenID sign-in lives in this browser's cookie, sealed (AES-GCM, auth/secret-box.ts) so
// it can be neither read nor forged: state, PKCE verifier, nonce, connection, where to go next and an
// expiry. `state` coming back from the provider must equal the sealed one, which binds the callback
// to the browser that started it (login CSRF). The callback deletes the cookie: one use.
import { decodeBase64url, encodeBase64url } from '@oslojs/encoding';
import { openSecret, sealSecret, type SecretBoxEnv } from '../auth/secret-box';

export const FLOW_TTL_SECONDS = 10 * 60;
const OWNER = 'sso-flow';

export interface SsoFlow {
  connectionId: string;
  state: string;
  codeVerifier: string;
  nonce: string;
  next: string | null;
  expiresAt: number;
}

export function flowCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-ontrackio_sso' : 'ontrackio_sso';
}

export function flowCookieOptions(url: URL) {
  // Lax: sent on the provider's top-level GET redirect back to us, not on cross-site POSTs.
  return {
    path: '/',
    httpOnly: true,
    secure: url.protocol === 'https:',
    sameSite: 'lax' as const,
    maxAge: FLOW_TTL_SECONDS
  };
}

export async function sealFlow(env: SecretBoxEnv, flow: SsoFlow): Promise<string> {
  const sealed = await sealSecret(env, OWNER, new TextEncoder().encode(JSON.stringify(flow)));
  return encodeBase64url(new TextEncoder().encode(sealed));
}

/** null for a missing, tampered, foreign-key or expired cookie. */
export async function openFlow(
  env: SecretBoxEnv,
  cookie: string | undefined,
  now = Date.now()
): Promise<SsoFlow | null> {
  if (!cookie || cookie.length > 4000) return null;
  try {
    const sealed = new TextDecoder().decode(decodeBase64url(cookie));
    const flow = JSON.parse(new TextDecoder().decode(await openSecret(env, OWNER, sealed))) as SsoFlow;
    if (typeof flow.expiresAt !== 'number' || flow.expiresAt < now) return null;
    return flow;
  } catch {
    return null;
  }
}
