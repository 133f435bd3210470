// The site (tenant, from the host only) and who is asking, for every /api/v1 request: a live browser
// session (the same loader SvelteKit's hooks use) or a valid API token (the token service). This is the
// one place either credential is checked; the route guards (access/guards.ts) only read the result.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { clientAddressOf, loadRequestContext } from '../../../src/lib/server/http/request-context';
import { resolveSite, type Site } from '../../../src/lib/server/tenancy/resolve';
import { bookmarkCookieName } from '../../../src/lib/server/db/read-session';
import { getCookie } from 'hono/cookie';
import { sessionActorOf } from '../../../src/lib/server/authz/actor';
import { authenticateApiToken } from '../../../src/lib/server/api-tokens/authenticate';
import { kickOutboxAfterWrite } from '../../../src/lib/server/outbox/kick';
import { sessionRecheckResponse } from '../../../src/lib/server/http/session-recheck';

/** Runs the route, then wakes the workspace's delivery loop: a write may have added to the outbox. */
async function thenKickOutbox(c: Context<ApiEnv>, next: Next, site: Site) {
  await next();
  const slug = site.kind === 'workspace' ? site.workspace.slug : null;
  kickOutboxAfterWrite(c.env, c.req.method, slug, (p) => c.executionCtx.waitUntil(p));
}

export const requestContext = createMiddleware<ApiEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  const credential = c.get('credential');
  const cookie = credential.kind === 'cookie' ? credential.value : undefined;
  // The D1 read session's bookmark rides in its own cookie (db/read-session.ts: read your own writes).
  const ctx = await loadRequestContext(c.env, url, cookie, (p) => c.executionCtx.waitUntil(p), {
    method: c.req.method,
    bookmark: getCookie(c, bookmarkCookieName(url))
  });
  c.set('site', ctx.site);
  c.set(
    'principal',
    ctx.auth ? { via: 'session', session: ctx.auth, actor: sessionActorOf(ctx.auth) } : null
  );
  if (credential.kind === 'token' && ctx.site.kind === 'workspace') {
    const result = await authenticateApiToken(
      c.env,
      ctx.site.workspace.slug,
      ctx.site.binding,
      credential.header,
      clientAddressOf(c.req.raw),
      { defer: (p) => c.executionCtx.waitUntil(p) }
    );
    if (!result.ok) {
      // Unknown, expired, revoked, malformed, another workspace's: one answer, no hint of which.
      if (result.code === 'invalid')
        return apiError(c, 401, 'unauthenticated', 'The API token is not valid.');
      if (result.code === 'address_not_allowed')
        return apiError(c, 403, 'forbidden', 'This API token may not be used from this address.');
      c.header('Retry-After', String(result.retryAfterSeconds));
      return apiError(c, 429, 'rate_limited', 'Too many requests with this API token. Try again shortly.');
    }
    c.set('principal', { via: 'token', token: result.token, actor: result.token.actor });
  }
  await thenKickOutbox(c, next, ctx.site);
  // The shortcut path (request-context.ts): nothing leaves before the ledger confirmed the session.
  if (!(await ctx.sessionConfirmed())) {
    c.res = sessionRecheckResponse();
    return;
  }
  const bookmark = ctx.bookmarkCookie();
  if (bookmark) c.res.headers.append('Set-Cookie', bookmark);
});

/** The site only, for /agent/v1 (agents hold a device credential, never a session or an API token). */
export const siteContext = createMiddleware<ApiEnv>(async (c, next) => {
  const site = await resolveSite(c.env, new URL(c.req.url).hostname);
  c.set('site', site);
  c.set('credential', { kind: 'none' });
  c.set('principal', null);
  await thenKickOutbox(c, next, site);
});
