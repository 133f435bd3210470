// What every request needs before it is routed: the site (tenant) from the host and, inside a
// workspace, the signed-in user from the session cookie. Shared by SvelteKit hooks and the Hono
// middleware so that both kinds of client get exactly the same rules.
import { resolveSite, workspaceSlugOf, type Site, type TenancyEnv } from '../tenancy/resolve';
import { readKvSession, validateSessionToken, type SessionEnv, type ValidatedSession } from '../auth/session';
import { looksLikeToken } from '../auth/tokens';
import { bookmarkSetCookie, openRequestDb, type RequestDb } from '../db/read-session';

export type CoreEnv = TenancyEnv & SessionEnv;

export interface RequestContext {
  site: Site;
  auth: ValidatedSession | null;
  /** True when the request carried a session cookie that is not (or no longer) valid. */
  staleCookie: boolean;
  /** After the request: the Set-Cookie that hands over the D1 bookmark of its writes, if any. */
  bookmarkCookie(): string | null;
}

/** How the request's own tenant queries read D1 (db/read-session.ts); omitted: the primary only. */
export interface ReadSessionInput {
  method: string;
  /** The bookmark cookie the browser sent (bookmarkCookieName). */
  bookmark: string | undefined;
}

const noBookmark = () => null;

/**
 * At most two sequential storage steps before a signed-in page's own queries, and usually one: the
 * registry row comes from the isolate's cache (tenancy/registry-cache.ts), then the KV session read
 * and the ledger query run side by side. On a registry miss the KV read starts with the registry
 * query (its key needs only the slug), so the ledger query is the only one that waits.
 */
export async function loadRequestContext(
  env: CoreEnv,
  url: URL,
  sessionToken: string | undefined,
  defer: (work: Promise<unknown>) => void,
  reads?: ReadSessionInput
): Promise<RequestContext> {
  const slug = workspaceSlugOf(env, url.hostname);
  const kvRead = slug && looksLikeToken(sessionToken) ? readKvSession(env, slug, sessionToken) : undefined;
  // Never left unobserved: a failed read is seen where it is awaited, or dropped with the request.
  kvRead?.catch(() => undefined);
  const resolved = await resolveSite(env, url.hostname);
  if (resolved.kind !== 'workspace' || !sessionToken) return withReads(resolved, null, false, url, reads);
  const auth = await validateSessionToken(
    env,
    resolved.workspace.slug,
    resolved.db,
    sessionToken,
    defer,
    kvRead
  );
  return withReads(resolved, auth, auth === null, url, reads);
}

/** The request's tenant handle: a D1 session (read replicas for reads) when the caller asked for one. */
function withReads(
  site: Site,
  auth: ValidatedSession | null,
  staleCookie: boolean,
  url: URL,
  reads: ReadSessionInput | undefined
): RequestContext {
  if (site.kind !== 'workspace' || !reads) return { site, auth, staleCookie, bookmarkCookie: noBookmark };
  const requestDb: RequestDb = openRequestDb(site.binding, reads.method, reads.bookmark);
  return {
    site: { ...site, db: requestDb.db },
    auth,
    staleCookie,
    bookmarkCookie: () => bookmarkSetCookie(url, requestDb, auth !== null, reads.bookmark)
  };
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
