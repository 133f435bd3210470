// Seed 002 "Complete the two-factor challenge". The pending challenge (auth/challenge.ts) names the
// user; a session is created only here, once a second factor has passed.
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { foundOr404 } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import { fieldErrors } from '$lib/contracts/errors';
import { recoveryCodeSchema, totpCodeSchema } from '$lib/contracts/security';
import {
  attachPasskeyChallenge,
  challengeCookieName,
  endChallenge,
  readChallenge,
  type PendingChallenge
} from '$lib/server/auth/challenge';
import {
  checkSecondFactor,
  TWO_FACTOR_MESSAGES,
  type SecondFactorInput
} from '$lib/server/auth/second-factor';
import { twoFactorFactsForUser } from '$lib/server/auth/two-factor-status';
import { passkeySignInOptionsForUser, relyingPartyFor } from '$lib/server/auth/passkeys';
import { createSession } from '$lib/server/auth/session';
import { sessionCookie } from '$lib/server/auth/cookie';
import { homePathFor } from '$lib/server/auth/home';
import { clientAddressOf } from '$lib/server/http/request-context';
import { safeRedirectPath } from '$lib/server/http/safe-redirect';
import type { Role } from '$lib/server/authz/roles';
import { platformEnv } from '$lib/server/http/platform';

function workspaceOf(locals: App.Locals) {
  const site = locals.site;
  if (site.kind !== 'workspace') redirect(303, '/');
  return site;
}

export const load: PageServerLoad = async ({ locals, cookies, url, platform }) => {
  if (locals.auth) redirect(303, homePathFor(locals.auth.user.role));
  const site = workspaceOf(locals);
  const env = platformEnv({ platform });
  const token = cookies.get(challengeCookieName(url));
  const challenge = await readChallenge(env, site.workspace.slug, token);
  if (!challenge || !token) return { expired: true as const };

  const facts = await twoFactorFactsForUser(site.db, challenge.userId);
  let passkeyOptions = null;
  if (facts.passkeys > 0) {
    passkeyOptions = await passkeySignInOptionsForUser(
      site.db,
      relyingPartyFor(url, site.workspace.name),
      challenge.userId
    );
    // KV allows about one write per second per key: a burst of reloads must not become a 500.
    if (passkeyOptions) {
      await attachPasskeyChallenge(
        env,
        site.workspace.slug,
        token,
        challenge,
        passkeyOptions.challenge
      ).catch((err) => {
        console.warn(JSON.stringify({ event: 'auth.passkey_challenge.store_failed', error: String(err) }));
        passkeyOptions = null;
      });
    }
  }
  const recovery = url.searchParams.has('recovery');
  return {
    expired: false as const,
    mode: recovery ? ('recovery' as const) : facts.totp ? ('totp' as const) : ('passkey' as const),
    hasTotp: facts.totp,
    passkeyOptions
  };
};

async function verify(
  event: Parameters<Actions[string]>[0],
  input: SecondFactorInput | null,
  fields: Record<string, string[]>
) {
  const { locals, cookies, url, platform, request } = event;
  const site = workspaceOf(locals);
  const env = platformEnv({ platform });
  const token = cookies.get(challengeCookieName(url));
  const challenge = await readChallenge(env, site.workspace.slug, token);
  if (!challenge || !token)
    return fail(410, { expired: true, message: TWO_FACTOR_MESSAGES.expired, fields: {} });
  if (!input) return fail(400, { expired: false, message: null, fields });

  const result = await checkSecondFactor(
    env,
    site.workspace.slug,
    site.db,
    relyingPartyFor(url, site.workspace.name),
    challenge,
    input
  );
  if (!result.ok)
    return fail(result.code === 'rate_limited' ? 429 : 400, {
      expired: false,
      message: result.message,
      fields: {}
    });

  await finishSignIn(env, site, cookies, url, request, token, challenge, result.authMethod);
  const user = await site.db.query.users.findFirst({
    where: (u, { eq }) => eq(u.id, challenge.userId),
    columns: { role: true }
  });
  // The challenge names a user who just proved a factor; a missing row means the account was deleted meanwhile.
  const role = foundOr404(user, 'That account no longer exists.').role as Role;
  // After a recovery code, prompt for a fresh set (seed 002 warning).
  if (input.method === 'recovery') redirect(303, '/my/profile/security?recovery-code-used');
  redirect(303, safeRedirectPath(challenge.next, url.origin) ?? homePathFor(role));
}

async function finishSignIn(
  env: App.Platform['env'],
  site: ReturnType<typeof workspaceOf>,
  cookies: Cookies,
  url: URL,
  request: Request,
  token: string,
  challenge: PendingChallenge,
  authMethod: string
) {
  await endChallenge(env, site.workspace.slug, token);
  cookies.delete(challengeCookieName(url), { path: '/' });
  const { token: sessionToken } = await createSession(env, site.workspace.slug, site.db, {
    userId: challenge.userId,
    persistent: challenge.persistent,
    authMethod,
    userAgent: request.headers.get('user-agent'),
    ipAddress: clientAddressOf(request)
  });
  const cookie = sessionCookie(url, sessionToken, challenge.persistent);
  cookies.set(cookie.name, cookie.value, cookie.options);
}

export const actions: Actions = {
  totp: async (event) => {
    const form = await event.request.formData();
    const parsed = totpCodeSchema.safeParse({ code: String(form.get('code') ?? '') });
    return verify(
      event,
      parsed.success ? { method: 'totp', code: parsed.data.code } : null,
      parsed.success ? {} : fieldErrors(parsed.error)
    );
  },
  recovery: async (event) => {
    const form = await event.request.formData();
    const parsed = recoveryCodeSchema.safeParse({ code: String(form.get('code') ?? '') });
    return verify(
      event,
      parsed.success ? { method: 'recovery', code: parsed.data.code } : null,
      parsed.success ? {} : fieldErrors(parsed.error)
    );
  },
  passkey: async (event) => {
    const form = await event.request.formData();
    let response;
    try {
      response = JSON.parse(String(form.get('response') ?? ''));
    } catch {
      response = null;
    }
    if (!response || typeof response !== 'object') {
      return fail(400, { expired: false, message: TWO_FACTOR_MESSAGES.passkeyFailed, fields: {} });
    }
    return verify(event, { method: 'passkey', response }, {});
  },
  abandon: async ({ locals, cookies, url, platform }) => {
    const site = workspaceOf(locals);
    await endChallenge(platformEnv({ platform }), site.workspace.slug, cookies.get(challengeCookieName(url)));
    cookies.delete(challengeCookieName(url), { path: '/' });
    redirect(303, '/login');
  }
};
