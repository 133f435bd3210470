// Every page request: resolve the workspace from the host, then the session from the cookie
// (the same loader as the API), then render with the user's theme and the security headers.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { loadRequestContext, baseSecurityHeaders } from '$lib/server/http/request-context';
import { clearedSessionCookie, sessionCookieName } from '$lib/server/auth/cookie';
import { bookmarkCookieName } from '$lib/server/db/read-session';
import { twoFactorSetupPending } from '$lib/server/auth/two-factor-requirement';
import { isReadableFormPost, refusedFormRequest, UNREADABLE_FORM_MESSAGE } from '$lib/server/http/form-body';
import { kickOutboxAfterWrite } from '$lib/server/outbox/kick';
import { sessionRecheckResponse } from '$lib/server/http/session-recheck';
import { isReadGateRefusal } from '$lib/server/db/coalesced-reads';

export const handle: Handle = async (input) => {
  const { response, ctx } = await handlePage(input);
  // The shortcut path (http/request-context.ts): nothing leaves before the ledger confirmed the session.
  return (await ctx.sessionConfirmed()) ? response : sessionRecheckResponse();
};

const handlePage = async ({ event, resolve }: Parameters<Handle>[0]) => {
  const platform = event.platform;
  if (!platform) throw new Error('OnTrackio runs on the Cloudflare adapter; platform.env is missing.');
  const ctx = await loadRequestContext(
    platform.env,
    event.url,
    event.cookies.get(sessionCookieName(event.url)),
    (p) => platform.ctx.waitUntil(p),
    { method: event.request.method, bookmark: event.cookies.get(bookmarkCookieName(event.url)) }
  );
  event.locals.site = ctx.site;
  event.locals.auth = ctx.auth;
  if (ctx.staleCookie) {
    // A malformed, unknown, expired or revoked cookie just means "signed out".
    const cleared = clearedSessionCookie(event.url);
    event.cookies.delete(cleared.name, cleared.options);
  }

  // Required two-step verification (seed 000 tip): a signed-in user without a second factor is sent
  // to the security settings before any other portal page.
  if (
    ctx.auth &&
    ctx.site.kind === 'workspace' &&
    twoFactorSetupPending(ctx.auth, event.url.pathname, 'page')
  ) {
    return {
      ctx,
      response: setupRedirect(event.url, event.isDataRequest, event.request.headers.has('x-sveltekit-action'))
    };
  }

  // Every POST that reaches SvelteKit is a form post (actions, the theme switch): a body that is not a
  // readable form is refused before any action runs (http/form-body.ts).
  const request =
    event.request.method === 'POST' && !(await isReadableFormPost(event.request))
      ? refusedFormRequest(event.request)
      : event.request;

  const theme = ctx.auth?.user.theme ?? 'system';
  const response = await resolve(request === event.request ? event : { ...event, request }, {
    transformPageChunk: ({ html }) => html.replace('%ot.theme%', theme)
  });
  // A form action may have written to the outbox: wake the workspace's delivery loop after the response.
  const slug = ctx.site.kind === 'workspace' ? ctx.site.workspace.slug : null;
  kickOutboxAfterWrite(platform.env, event.request.method, slug, (p) => platform.ctx.waitUntil(p));
  for (const [k, v] of Object.entries(baseSecurityHeaders(event.url))) response.headers.set(k, v);
  // Pages whose URL carries a secret token: never send the path in a Referer, never cache.
  if (event.url.pathname.startsWith('/reset-password/')) {
    response.headers.set('Referrer-Policy', 'strict-origin');
    response.headers.set('Cache-Control', 'no-store');
  }
  if (ctx.auth && !response.headers.has('cache-control'))
    response.headers.set('Cache-Control', 'private, no-store');
  const bookmark = ctx.bookmarkCookie();
  if (bookmark) response.headers.append('Set-Cookie', bookmark);
  return { response, ctx };
};

/**
 * The redirect to the security settings in the form each kind of SvelteKit request understands:
 * client-side navigation (__data.json) and enhanced form posts read a JSON redirect, documents a 303.
 */
function setupRedirect(url: URL, isDataRequest: boolean, isEnhancedAction: boolean): Response {
  const location = '/my/profile/security?required';
  const headers = { ...baseSecurityHeaders(url), 'cache-control': 'no-store' };
  if (isDataRequest) return Response.json({ type: 'redirect', location }, { headers });
  if (isEnhancedAction) return Response.json({ type: 'redirect', status: 303, location }, { headers });
  return new Response(null, { status: 303, headers: { ...headers, location } });
}

/**
 * SvelteKit calls this for every error that is not an `error(...)` of ours: an unknown path (404),
 * its own refusals (405 method, 415 unreadable form, 404 unknown action) and real failures. Only a
 * failure on our side (5xx) is logged, so the log holds what an operator must look at.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
  // A read held back by the shortcut session check: the request runs again, nothing to log.
  if (status >= 500 && !isReadGateRefusal(error)) {
    console.error(
      JSON.stringify({
        event: 'page.unhandled_error',
        path: event.url.pathname,
        status,
        error: String(error),
        stack: (error as Error)?.stack
      })
    );
  }
  if (status === 404) return { message: 'Page not found', code: 'not_found' };
  if (status === 415) return { message: UNREADABLE_FORM_MESSAGE, code: 'bad_request' };
  if (status < 500) return { message: 'That request can’t be handled here.', code: 'bad_request' };
  return { message: 'Something went wrong on our side. Please try again.', code: 'internal_error' };
};
