// ID token verification: signature against the provider's JWKS, issuer, audience (our client id),
// expiry (jose, with 60 s clock tolerance) and the nonce this browser's flow generated.
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { OidcEndpoints } from './oidc-providers';

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export class IdTokenError extends Error {}

const jwksCache = new Map<string, JWTVerifyGetKey>();
export function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  let keys = jwksCache.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri));
    jwksCache.set(jwksUri, keys);
  }
  return keys;
}

export async function verifyIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expect: { issuerMatches: OidcEndpoints['issuerMatches']; clientId: string; nonce: string; kind: string }
): Promise<VerifiedIdentity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      audience: expect.clientId,
      algorithms: ['RS256', 'ES256', 'PS256'],
      clockTolerance: 60,
      requiredClaims: ['sub', 'iss', 'exp', 'iat']
    }));
  } catch (err) {
    throw new IdTokenError(`ID token rejected: ${(err as Error).message}`);
  }
  if (!expect.issuerMatches(payload.iss, payload))
    throw new IdTokenError(`ID token issuer ${String(payload.iss)} is not the provider's`);
  if (typeof payload.nonce !== 'string' || payload.nonce !== expect.nonce)
    throw new IdTokenError('ID token nonce does not match this sign-in');
  // More than one audience: the token must have been issued to us (authorized party).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expect.clientId)
    throw new IdTokenError('ID token azp is not our client');
  const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : null;
  // Google states email_verified. Entra does not: its `xms_edov` optional claim says the email's
  // domain is verified by the tenant; without one of them the email is never trusted for linking.
  const emailVerified =
    payload.email_verified === true ||
    payload.email_verified === 'true' ||
    (expect.kind === 'microsoft' && payload.xms_edov === true);
  return {
    subject: String(payload.sub),
    email,
    emailVerified,
    name: typeof payload.name === 'string' ? payload.name.slice(0, 200) : null
  };
}
