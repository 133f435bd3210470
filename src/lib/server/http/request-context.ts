// What every request needs before it is routed: the site (tenant) from the host and, inside a
// workspace, the signed-in user from the session cookie. Shared by SvelteKit hooks and the Hono
// middleware so that both kinds of client get exactly the same rules.
import {
  lastKnownTenantBinding,
  resolveSite,
  workspaceSlugOf,
  type Site,
  type TenancyEnv
} from '../tenancy/resolve';
import {
  readKvSession,
  readSessionLedger,
  sessionIdOf,
  validateSessionToken,
  type SessionEnv,
  type ValidatedSession
} from '../auth/session';
import { bookmarkSetCookie, openRequestDb, type RequestDb } from '../db/read-session';
import { openTenantDb } from '../db';

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
 * One storage step before a signed-in page's own queries: the KV session read, the ledger query and,
 * when the isolate's copy is older than its bound, the registry query all start at once. The ledger
 * query goes to the binding the registry named last time; its answer counts only if the registry,
 * read now, still names that binding (else it is asked again, a second step, only after a tenant
 * moved to another database). The registry row itself is never older than REGISTRY_TTL_MS.
 */
export async function loadRequestContext(
  env: CoreEnv,
  url: URL,
  sessionToken: string | undefined,
  defer: (work: Promise<unknown>) => void,
  reads?: ReadSessionInput
): Promise<RequestContext> {
  const slug = workspaceSlugOf(env, url.hostname);
  const id = slug ? sessionIdOf(sessionToken) : null;
  const guess = slug && id ? lastKnownTenantBinding(env, slug) : null;
  const kv = slug && id ? readKvSession(env, slug, id) : undefined;
  const ledger = guess && id ? readSessionLedger(openTenantDb(guess), id) : undefined;
  // Never left unobserved: a failed read is seen where it is awaited, or dropped with the request.
  kv?.catch(() => undefined);
  ledger?.catch(() => undefined);

  const resolved = await resolveSite(env, url.hostname);
  if (resolved.kind !== 'workspace' || !sessionToken) return withReads(resolved, null, false, url, reads);
  const auth = await validateSessionToken(env, resolved.workspace.slug, resolved.db, sessionToken, defer, {
    id: id ?? undefined,
    kv,
    ledger: guess === resolved.binding ? ledger : undefined
  });
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
