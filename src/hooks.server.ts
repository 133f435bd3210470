// Every page request: resolve the workspace from the host, then the session from the cookie
// (the same loader as the API), then render with the user's theme and the security headers.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { loadRequestContext, baseSecurityHeaders } from '$lib/server/http/request-context';
import { clearedSessionCookie, sessionCookieName } from '$lib/server/auth/cookie';

export const handle: Handle = async ({ event, resolve }) => {
  const platform = event.platform;
  if (!platform) throw new Error('OnTrackio runs on the Cloudflare adapter; platform.env is missing.');
  const ctx = await loadRequestContext(
    platform.env,
    event.url,
    event.cookies.get(sessionCookieName(event.url)),
    (p) => platform.ctx.waitUntil(p)
  );
  event.locals.site = ctx.site;
  event.locals.auth = ctx.auth;
  if (ctx.staleCookie) {
    // A malformed, unknown, expired or revoked cookie just means "signed out".
    const cleared = clearedSessionCookie(event.url);
    event.cookies.delete(cleared.name, cleared.options);
  }

  const theme = ctx.auth?.user.theme ?? 'system';
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%ot.theme%', theme)
  });
  for (const [k, v] of Object.entries(baseSecurityHeaders(event.url))) response.headers.set(k, v);
  if (ctx.auth && !response.headers.has('cache-control')) response.headers.set('Cache-Control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) {
    console.error(
      JSON.stringify({ event: 'page.unhandled_error', path: event.url.pathname, status, error: String(error), stack: (error as Error)?.stack })
    );
  }
  return { message: status === 404 ? 'Page not found' : 'Something went wrong on our side. Please try again.', code: status === 404 ? 'not_found' : 'internal_error' };
};
