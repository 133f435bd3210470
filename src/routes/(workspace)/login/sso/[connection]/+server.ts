// "Continue with …" on the Sign in page links here; the answer is a 303 to the provider with PKCE,
// state and nonce, and the sealed flow cookie that binds the callback to this browser. A GET link,
// not a form: Chromium applies CSP form-action ('self') to the redirect after a form submission, so
// a POST answered with a 303 to the provider is blocked. Starting a flow changes nothing but this
// browser's own flow cookie, and the callback only accepts the state sealed in that cookie.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { startOidcSignIn } from '$lib/server/sso/oidc-flow';
import { flowCookieName, flowCookieOptions, sealFlow } from '$lib/server/sso/flow-cookie';
import { safeNextPath } from '$lib/server/http/safe-redirect';
import { homePathFor } from '$lib/server/auth/home';

export const GET: RequestHandler = async ({ locals, params, platform, url, cookies }) => {
  const site = locals.site;
  if (site.kind !== 'workspace') redirect(303, '/');
  if (locals.auth) redirect(303, homePathFor(locals.auth.user.role));
  const env = platform!.env;
  const next = safeNextPath(url.searchParams.get('next'));
  let started: Awaited<ReturnType<typeof startOidcSignIn>>;
  try {
    started = params.connection.length <= 64 ? await startOidcSignIn(env, site.db, params.connection, url.origin, next) : null;
  } catch (err) {
    console.error(JSON.stringify({ event: 'sso.start_failed', connection: params.connection, error: String(err) }));
    redirect(303, '/login?sso_error=failed');
  }
  if (!started) redirect(303, '/login?sso_error=unknown_connection');
  cookies.set(flowCookieName(url), await sealFlow(env, started.flow), flowCookieOptions(url));
  redirect(303, started.authorizationUrl);
};
