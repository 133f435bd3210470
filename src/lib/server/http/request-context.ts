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
import { confirmSessionGuess, lastConfirmedSession } from '../auth/session-guess';
import { bookmarkSetCookie, isReadOnlyMethod, openRequestDb } from '../db/read-session';
import { openTenantDb } from '../db';

export type CoreEnv = TenancyEnv & SessionEnv;

export interface RequestContext {
  site: Site;
  auth: ValidatedSession | null;
  /** True when the request carried a session cookie that is not (or no longer) valid. */
  staleCookie: boolean;
  /** After the request: the Set-Cookie that hands over the D1 bookmark of its writes, if any. */
  bookmarkCookie(): string | null;
  /**
   * Before the response leaves: whether the session the request ran as is confirmed by the ledger.
   * Always true except on the shortcut path; false means nothing computed for this request may be
   * sent: answer sessionRecheckResponse() (http/session-recheck.ts) so that it runs again.
   */
  sessionConfirmed(): Promise<boolean>;
}

/** How the request's own tenant queries read D1 (db/read-session.ts); omitted: the primary only. */
export interface ReadSessionInput {
  method: string;
  /** The bookmark cookie the browser sent (bookmarkCookieName). */
  bookmark: string | undefined;
}

const noBookmark = () => null;
const confirmed = () => Promise.resolve(true);

/**
 * A GET or HEAD of a session this isolate fully checked under a minute ago takes the shortcut
 * (withKnownSession, below): no storage step before the page's own reads. Everything else takes the
 * full check, one storage step before a signed-in page's own queries: the KV session read (or this
 * isolate's copy of it, auth/session-copies.ts), the ledger query and,
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
  const known =
    slug && id && guess && reads && isReadOnlyMethod(reads.method) && lastConfirmedSession(slug, id);
  if (known) {
    const gate = confirmSessionGuess(env, slug, openTenantDb(guess), id, known, defer);
    gate.catch(() => undefined);
    const resolved = await resolveSite(env, url.hostname);
    if (resolved.kind === 'workspace' && resolved.binding === guess)
      return withKnownSession(resolved, known.session, gate, url, reads);
    // The workspace moved to another database or is no longer served: the full check below.
  }
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
  if (site.kind !== 'workspace' || !reads)
    return { site, auth, staleCookie, bookmarkCookie: noBookmark, sessionConfirmed: confirmed };
  const requestDb = openRequestDb(site.binding, reads.method, reads.bookmark);
  return {
    site: { ...site, db: requestDb.db },
    auth,
    staleCookie,
    bookmarkCookie: () => bookmarkSetCookie(url, requestDb, auth !== null, reads.bookmark),
    sessionConfirmed: requestDb.passed
  };
}

/**
 * The shortcut path: a read-only request of a session this isolate fully checked less than a minute
 * ago (auth/session-copies.ts). The request runs as that session at once, its reads start at once,
 * and the ledger check (at the primary, as always) runs side by side with them instead of before
 * them: one storage step instead of two. `gate` is that check (auth/session-guess.ts):
 * no read's result is released before it passes (db/coalesced-reads.ts), and if the session ended or
 * changed, sessionConfirmed() says false, so the caller answers for a rerun (http/session-recheck.ts),
 * which takes the full check because the isolate's copy is gone.
 */
function withKnownSession(
  site: Extract<Site, { kind: 'workspace' }>,
  known: ValidatedSession,
  gate: Promise<boolean>,
  url: URL,
  reads: ReadSessionInput
): RequestContext {
  const requestDb = openRequestDb(site.binding, reads.method, reads.bookmark, gate);
  const auth: ValidatedSession = { ...known, session: { ...known.session, lastSeenAt: Date.now() } };
  return {
    site: { ...site, db: requestDb.db },
    auth,
    staleCookie: false,
    bookmarkCookie: () => bookmarkSetCookie(url, requestDb, true, reads.bookmark),
    sessionConfirmed: requestDb.passed
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
