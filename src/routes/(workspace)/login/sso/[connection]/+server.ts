// "Continue with …" on the Sign in page links here; the answer is a 303 to the provider: for
// Google/Microsoft with PKCE, state and nonce and the sealed flow cookie that binds the callback to
// this browser; for a SAML connection with an AuthnRequest (HTTP-Redirect binding) whose id is stored
// server-side. A GET link, not a form: Chromium applies CSP form-action ('self') to the redirect after
// a form submission, so a POST answered with a 303 to the provider is blocked. Starting a flow
// changes nothing but this browser's own flow state; rate-limited per client address.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { startOidcSignIn } from '$lib/server/sso/oidc-flow';
import { startSamlSignIn } from '$lib/server/sso/saml-request';
import { flowCookieName, flowCookieOptions, sealFlow } from '$lib/server/sso/flow-cookie';
import { ssoRequestAllowed } from '$lib/server/sso/rate-limit';
import { safeRedirectPath } from '$lib/server/http/safe-redirect';
import { clientAddressOf } from '$lib/server/http/request-context';
import { homePathFor } from '$lib/server/auth/home';
import { platformEnv } from '$lib/server/http/platform';

export const GET: RequestHandler = async ({ locals, params, platform, url, cookies, request }) => {
  const site = locals.site;
  if (site.kind !== 'workspace') redirect(303, '/');
  if (locals.auth) redirect(303, homePathFor(locals.auth.user.role));
  const env = platformEnv({ platform });
  if (!(await ssoRequestAllowed(env, site.workspace.slug, clientAddressOf(request))))
    redirect(303, '/login?sso_error=rate_limited');
  const next = safeRedirectPath(url.searchParams.get('next'), url.origin);
  if (params.connection.length > 64) redirect(303, '/login?sso_error=unknown_connection');

  let samlUrl: string | null = null;
  let started: Awaited<ReturnType<typeof startOidcSignIn>> = null;
  try {
    samlUrl = await startSamlSignIn(site.db, params.connection, url.origin, next);
    if (!samlUrl) started = await startOidcSignIn(env, site.db, params.connection, url.origin, next);
  } catch (err) {
    console.error(
      JSON.stringify({ event: 'sso.start_failed', connection: params.connection, error: String(err) })
    );
    redirect(303, '/login?sso_error=failed');
  }
  if (samlUrl) redirect(303, samlUrl);
  if (!started) redirect(303, '/login?sso_error=unknown_connection');
  cookies.set(flowCookieName(url), await sealFlow(env, started.flow), flowCookieOptions(url));
  redirect(303, started.authorizationUrl);
};
