// The session an SSO sign-in ends with, shared by the OpenID callback and the SAML ACS: created
// directly (two-factor is not asked after SSO, seed 002), not persistent, with authMethod
// "sso:<kind>" (required-2FA set-up skips SSO sessions).
import type { TenantDb } from '../db';
import { createSession, type SessionEnv } from '../auth/session';
import { sessionCookie, type CookieSpec } from '../auth/cookie';
import { clientAddressOf } from '../http/request-context';

export async function issueSsoSession(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  input: { userId: string; kind: string; url: URL; request: Request }
): Promise<CookieSpec> {
  const { token } = await createSession(env, slug, db, {
    userId: input.userId,
    persistent: false,
    authMethod: `sso:${input.kind}`,
    userAgent: input.request.headers.get('user-agent'),
    ipAddress: clientAddressOf(input.request)
  });
  return sessionCookie(input.url, token, false);
}

/** A CookieSpec as a Set-Cookie header value (for responses built outside SvelteKit). */
export function serializeCookie(c: CookieSpec): string {
  const o = c.options;
  return [
    `${c.name}=${c.value}`,
    `Path=${o.path}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(o.secure ? ['Secure'] : []),
    ...(o.maxAge !== undefined ? [`Max-Age=${o.maxAge}`] : [])
  ].join('; ');
}
