// Where each OpenID provider lives. arctic's Google / MicrosoftEntraId hard-code their endpoints
// (STACK-NOTES), so the flow uses arctic's generic OAuth2Client with this table. A connection's
// `devIssuerUrl` replaces the table with OpenID discovery at that issuer - honoured ONLY when
// APP_ENV is "development" (local runs and tests), never in production.
import type { SsoConnectionRow } from './connections';

export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Accepts the token's `iss` (and, for Entra's multi-tenant aliases, its `tid`). */
  issuerMatches: (iss: unknown, claims: Record<string, unknown>) => boolean;
}

export interface ProviderEnv {
  APP_ENV?: string;
}

const ENTRA = 'https://login.microsoftonline.com';
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

export function devIssuerAllowed(env: ProviderEnv): boolean {
  return env.APP_ENV === 'development';
}

export async function endpointsFor(env: ProviderEnv, conn: SsoConnectionRow): Promise<OidcEndpoints> {
  if (conn.devIssuerUrl && devIssuerAllowed(env)) return discover(conn.devIssuerUrl);
  if (conn.kind === 'google') {
    return {
      authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
      issuerMatches: (iss) => iss === 'https://accounts.google.com' || iss === 'accounts.google.com'
    };
  }
  if (conn.kind === 'microsoft') {
    const tenant = encodeURIComponent(conn.entraTenant || 'organizations');
    return {
      authorizationEndpoint: `${ENTRA}/${tenant}/oauth2/v2.0/authorize`,
      tokenEndpoint: `${ENTRA}/${tenant}/oauth2/v2.0/token`,
      jwksUri: `${ENTRA}/${tenant}/discovery/v2.0/keys`,
      // With a multi-tenant alias the issuer names the user's real tenant: check it against `tid`.
      issuerMatches: (iss, claims) =>
        MULTI_TENANT.has(conn.entraTenant ?? '')
          ? typeof claims.tid === 'string' && iss === `${ENTRA}/${claims.tid}/v2.0`
          : iss === `${ENTRA}/${conn.entraTenant}/v2.0`
    };
  }
  throw new Error(`No OpenID endpoints for connection kind ${conn.kind}`);
}

async function discover(issuer: string): Promise<OidcEndpoints> {
  const base = issuer.replace(/\/+$/, '');
  const res = await fetch(`${base}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' }
  });
  if (!res.ok) throw new Error(`OpenID discovery at ${base} answered ${res.status}`);
  const doc = (await res.json()) as Record<string, unknown>;
  const str = (k: string) => {
    if (typeof doc[k] !== 'string') throw new Error(`OpenID discovery document lacks ${k}`);
    return doc[k] as string;
  };
  const expectedIssuer = str('issuer');
  return {
    authorizationEndpoint: str('authorization_endpoint'),
    tokenEndpoint: str('token_endpoint'),
    jwksUri: str('jwks_uri'),
    issuerMatches: (iss) => iss === expectedIssuer
  };
}
