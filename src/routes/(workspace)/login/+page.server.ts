import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInSchema } from '$lib/contracts/auth';
import { fieldErrors } from '$lib/contracts/errors';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { sessionCookie } from '$lib/server/auth/cookie';
import { clientAddressOf } from '$lib/server/http/request-context';
import { safeRedirectPath } from '$lib/server/http/safe-redirect';
import { homePathFor } from '$lib/server/auth/home';
import { listSsoButtons } from '$lib/server/sso/connections';
import { SSO_MESSAGES } from '$lib/server/sso/oidc-flow';
import { challengeCookieName, challengeCookieOptions } from '$lib/server/auth/challenge';
import { platformEnv } from '$lib/server/http/platform';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.auth)
    redirect(
      303,
      safeRedirectPath(url.searchParams.get('next'), url.origin) ?? homePathFor(locals.auth.user.role)
    );
  const code = url.searchParams.get('sso_error');
  return {
    signedOut: url.searchParams.has('signed-out'),
    ssoButtons: locals.site.kind === 'workspace' ? await listSsoButtons(locals.site.db) : [],
    // Only our own fixed messages, looked up by code: nothing from the URL is echoed.
    ssoError:
      code && Object.hasOwn(SSO_MESSAGES, code) ? SSO_MESSAGES[code as keyof typeof SSO_MESSAGES] : null,
    next: safeRedirectPath(url.searchParams.get('next'), url.origin)
  };
};

export const actions: Actions = {
  default: async ({ request, locals, platform, url, cookies }) => {
    const site = locals.site;
    if (site.kind !== 'workspace')
      return fail(404, {
        email: '',
        remember: false,
        message: 'No workspace at this address',
        fields: {} as Record<string, string[]>
      });
    const form = await request.formData();
    const raw = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      remember: form.get('remember') === 'on'
    };
    const parsed = signInSchema.safeParse(raw);
    if (!parsed.success) {
      return fail(400, {
        email: raw.email,
        remember: raw.remember,
        message: null,
        fields: fieldErrors(parsed.error)
      });
    }

    const next = safeRedirectPath(url.searchParams.get('next'), url.origin);
    const result = await signInWithPassword(
      platformEnv({ platform }),
      site.workspace.slug,
      site.db,
      parsed.data,
      {
        address: clientAddressOf(request),
        userAgent: request.headers.get('user-agent'),
        next
      }
    );
    if (!result.ok) {
      const status = result.code === 'rate_limited' ? 429 : result.code === 'account_inactive' ? 403 : 400;
      return fail(status, {
        email: raw.email,
        remember: raw.remember,
        message: result.message,
        fields: {} as Record<string, string[]>
      });
    }
    if (result.outcome === 'two_factor_challenge') {
      cookies.set(
        challengeCookieName(url),
        result.challengeToken,
        challengeCookieOptions(url, result.challengeMaxAgeSeconds)
      );
      redirect(303, '/login/two-factor');
    }
    const cookie = sessionCookie(url, result.sessionToken, result.persistent);
    cookies.set(cookie.name, cookie.value, cookie.options);
    redirect(303, next ?? homePathFor(result.role));
  }
};
