// The provider sends the browser back here (top-level GET). Everything is checked in
// finishOidcSignIn; on success a session is created directly (no two-factor after SSO, seed 002),
// on failure the Sign in page shows the reason. Either way the one-use flow cookie is deleted.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { finishOidcSignIn } from '$lib/server/sso/oidc-flow';
import { flowCookieName, flowCookieOptions, openFlow } from '$lib/server/sso/flow-cookie';
import { issueSsoSession } from '$lib/server/sso/sso-session';
import { forgiveSsoRequest, ssoRequestAllowed } from '$lib/server/sso/rate-limit';
import { clientAddressOf } from '$lib/server/http/request-context';
import { homePathFor } from '$lib/server/auth/home';
import { safeRedirectPath } from '$lib/server/http/safe-redirect';
import type { Role } from '$lib/server/authz/roles';
import { platformEnv, platformOf } from '$lib/server/http/platform';

export const GET: RequestHandler = async ({ locals, platform, url, cookies, request }) => {
  const site = locals.site;
  if (site.kind !== 'workspace') redirect(303, '/');
  const env = platformEnv({ platform });
  const address = clientAddressOf(request);
  if (!(await ssoRequestAllowed(env, site.workspace.slug, address)))
    redirect(303, '/login?sso_error=rate_limited');
  const name = flowCookieName(url);
  const flow = await openFlow(env, cookies.get(name));
  cookies.delete(name, flowCookieOptions(url));

  const result = await finishOidcSignIn(
    env,
    site.db,
    flow,
    url.searchParams,
    url.origin,
    clientAddressOf(request)
  );
  if (!result.ok) {
    console.warn(JSON.stringify({ event: 'sso.sign_in_refused', code: result.code, detail: result.detail }));
    redirect(303, `/login?sso_error=${result.code}`);
  }
  const cookie = await issueSsoSession(env, site.workspace.slug, site.db, {
    userId: result.userId,
    kind: result.authMethod.replace(/^sso:/, ''),
    url,
    request
  });
  cookies.set(cookie.name, cookie.value, cookie.options);
  platformOf({ platform }).ctx.waitUntil(forgiveSsoRequest(env, site.workspace.slug, address));
  // The target was checked when the flow started; checked again here, at the redirect itself.
  redirect(303, safeRedirectPath(result.next, url.origin) ?? homePathFor(result.role as Role));
};
