// What every request needs before it is routed: the site (tenant) from the host and, inside a
// workspace, the signed-in user from the session cookie. Shared by SvelteKit hooks and the Hono
// middleware so that both kinds of client get exactly the same rules.
import { resolveSite, type Site, type TenancyEnv } from '../tenancy/resolve';
import { validateSessionToken, type SessionEnv, type ValidatedSession } from '../auth/session';

export type CoreEnv = TenancyEnv & SessionEnv;

export interface RequestContext {
  site: Site;
  auth: ValidatedSession | null;
  /** True when the request carried a session cookie that is not (or no longer) valid. */
  staleCookie: boolean;
}

export async function loadRequestContext(
  env: CoreEnv,
  url: URL,
  sessionToken: string | undefined,
  defer: (work: Promise<unknown>) => void
): Promise<RequestContext> {
  const site = await resolveSite(env, url.hostname);
  if (site.kind !== 'workspace' || !sessionToken) return { site, auth: null, staleCookie: false };
  const auth = await validateSessionToken(env, site.workspace.slug, site.db, sessionToken, defer);
  return { site, auth, staleCookie: auth === null };
}

/** The client's address as Cloudflare reports it; used only as a rate-limit key. */
export function clientAddressOf(request: Request): string {
  return request.headers.get('cf-connecting-ip') ?? request.headers.get('x-real-ip') ?? 'unknown';
}

/** Headers every response carries (pages add their own CSP through SvelteKit). */
export function baseSecurityHeaders(url: URL): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
  };
  if (url.protocol === 'https:') headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
