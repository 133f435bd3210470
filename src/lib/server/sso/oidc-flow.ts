// The OpenID Connect authorization-code flow for Google and Microsoft Entra: arctic's generic
// OAuth2Client (PKCE S256 URL + code exchange), state sealed in this browser's cookie, ID token
// verified with jose (JWKS signature, iss, aud, exp, nonce), then the identity resolved to a user.
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from 'arctic';
import type { TenantDb } from '../db';
import type { SecretBoxEnv } from '../auth/secret-box';
import { loadConnectionForSignIn } from './connections';
import { endpointsFor, type ProviderEnv } from './oidc-providers';
import { FLOW_TTL_SECONDS, type SsoFlow } from './flow-cookie';
import { remoteKeys, verifyIdToken } from './id-token';
import { resolveSsoUser, type SsoRefusal } from './resolve-user';

export type OidcEnv = SecretBoxEnv & ProviderEnv;
export const CALLBACK_PATH = '/login/sso/callback';

export function callbackUrl(origin: string): string {
  return `${origin}${CALLBACK_PATH}`;
}

export async function startOidcSignIn(
  env: OidcEnv,
  db: TenantDb,
  connectionId: string,
  origin: string,
  next: string | null
): Promise<{ authorizationUrl: string; flow: SsoFlow } | null> {
  const conn = await loadConnectionForSignIn(env, db, connectionId);
  if (!conn) return null;
  const endpoints = await endpointsFor(env, conn);
  const client = new OAuth2Client(conn.clientId!, conn.clientSecret, callbackUrl(origin));
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const nonce = generateState();
  const url = client.createAuthorizationURLWithPKCE(
    endpoints.authorizationEndpoint,
    state,
    CodeChallengeMethod.S256,
    codeVerifier,
    ['openid', 'email', 'profile']
  );
  url.searchParams.set('nonce', nonce);
  return {
    authorizationUrl: url.toString(),
    flow: {
      connectionId: conn.id,
      state,
      codeVerifier,
      nonce,
      next,
      expiresAt: Date.now() + FLOW_TTL_SECONDS * 1000
    }
  };
}

export type CallbackFailure =
  | SsoRefusal
  | 'failed'
  | 'cancelled'
  | 'unknown_connection'
  | 'expired'
  | 'invalid_response'
  | 'rate_limited';
export type CallbackResult =
  | { ok: true; userId: string; role: string; authMethod: string; next: string | null }
  | { ok: false; code: CallbackFailure; detail?: string };

export async function finishOidcSignIn(
  env: OidcEnv,
  db: TenantDb,
  flow: SsoFlow | null,
  params: URLSearchParams,
  origin: string,
  ipAddress: string | null
): Promise<CallbackResult> {
  if (!flow) return { ok: false, code: 'expired' };
  const state = params.get('state');
  if (!state || !timingSafeEqual(state, flow.state))
    return { ok: false, code: 'failed', detail: 'state mismatch' };
  if (params.get('error'))
    return {
      ok: false,
      code: params.get('error') === 'access_denied' ? 'cancelled' : 'failed',
      detail: params.get('error')!
    };
  const code = params.get('code');
  if (!code || code.length > 2000) return { ok: false, code: 'failed', detail: 'no code' };

  const conn = await loadConnectionForSignIn(env, db, flow.connectionId);
  if (!conn) return { ok: false, code: 'unknown_connection' };
  try {
    const endpoints = await endpointsFor(env, conn);
    const client = new OAuth2Client(conn.clientId!, conn.clientSecret, callbackUrl(origin));
    const tokens = await client.validateAuthorizationCode(endpoints.tokenEndpoint, code, flow.codeVerifier);
    const identity = await verifyIdToken(tokens.idToken(), remoteKeys(endpoints.jwksUri), {
      issuerMatches: endpoints.issuerMatches,
      clientId: conn.clientId!,
      nonce: flow.nonce,
      kind: conn.kind
    });
    const resolved = await resolveSsoUser(db, conn.id, identity, ipAddress);
    if (!resolved.ok) return { ok: false, code: resolved.code };
    return {
      ok: true,
      userId: resolved.userId,
      role: resolved.role,
      authMethod: `sso:${conn.kind}`,
      next: flow.next
    };
  } catch (err) {
    return { ok: false, code: 'failed', detail: (err as Error).message };
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The Sign in page's words for each refusal (seed 002 wording where the seed has one). */
export const SSO_MESSAGES: Record<CallbackFailure, string> = {
  domain:
    'Access is restricted to approved company domains. Check that you’re using your work account, then contact your administrator.',
  inactive: 'This account is not active',
  no_account: 'There’s no account for that email in this workspace. Contact your administrator.',
  email_unverified:
    'Your provider did not confirm your email address, so sign-in is refused. Contact your administrator.',
  failed: 'Single sign-on didn’t complete. Please try again.',
  cancelled: 'Sign-in was cancelled at your provider.',
  unknown_connection:
    'That sign-in option isn’t available. Use another option or contact your administrator.',
  expired: 'Your single sign-on attempt expired. Please start again.',
  invalid_response:
    'The response from your identity provider could not be verified, so sign-in was refused. Please start again.',
  rate_limited: 'Too many login attempts. Wait a few minutes, then try again.'
};
