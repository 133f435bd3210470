// JSON sign-in / sign-out for integrations and scripts; the Sign in page uses the same services.
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { validate } from '../validate';
import { requireUser, requireWorkspace } from '../middleware/context';
import { signInSchema } from '../../../src/lib/contracts/auth';
import { signInWithPassword } from '../../../src/lib/server/auth/sign-in';
import { revokeSession } from '../../../src/lib/server/auth/session';
import { sessionCookie, sessionCookieName } from '../../../src/lib/server/auth/cookie';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import { challengeCookieName, challengeCookieOptions } from '../../../src/lib/server/auth/challenge';

export const authRoutes = new Hono<ApiEnv>()
  .post('/auth/sign-in', requireWorkspace, validate('json', signInSchema), async (c) => {
    const input = c.req.valid('json');
    const result = await signInWithPassword(c.env, c.get('workspace').slug, c.get('db'), input, {
      address: clientAddressOf(c.req.raw),
      userAgent: c.req.header('user-agent') ?? null,
      next: null
    });
    if (!result.ok) {
      if (result.code === 'rate_limited') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        return apiError(c, 429, 'rate_limited', result.message);
      }
      return apiError(c, result.code === 'account_inactive' ? 403 : 401, result.code, result.message);
    }
    const url = new URL(c.req.url);
    // Two-factor accounts get no session here: the challenge cookie continues at /login/two-factor.
    if (result.outcome === 'two_factor_challenge') {
      const opts = challengeCookieOptions(url, result.challengeMaxAgeSeconds);
      setCookie(c, challengeCookieName(url), result.challengeToken, { ...opts, sameSite: 'Lax' });
      return c.json({ signedIn: false, twoFactorRequired: true, continueAt: '/login/two-factor' });
    }
    const cookie = sessionCookie(url, result.sessionToken, result.persistent);
    setCookie(c, cookie.name, cookie.value, { ...cookie.options, sameSite: 'Lax' });
    return c.json({ signedIn: true });
  })
  .post('/auth/sign-out', requireWorkspace, requireUser, async (c) => {
    const url = new URL(c.req.url);
    await revokeSession(c.env, c.get('workspace').slug, c.get('db'), c.get('auth')!.session.id);
    deleteCookie(c, sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
    return c.json({ signedIn: false });
  });
