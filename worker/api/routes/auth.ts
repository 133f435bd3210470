// JSON sign-in / sign-out for integrations and scripts; the Sign in page uses the same services.
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { validate } from '../validate';
import { requireUser, requireWorkspace } from '../middleware/context';
import { signInSchema } from '../../../src/lib/contracts/auth';
import { signInWithPassword } from '../../../src/lib/server/auth/sign-in';
import { createSession, revokeSession } from '../../../src/lib/server/auth/session';
import { sessionCookie, sessionCookieName } from '../../../src/lib/server/auth/cookie';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import { hasSecondFactor, twoFactorFactsForUser } from '../../../src/lib/server/auth/two-factor-status';
import {
  challengeCookieName,
  challengeCookieOptions,
  startChallenge
} from '../../../src/lib/server/auth/challenge';

export const authRoutes = new Hono<ApiEnv>()
  .post('/auth/sign-in', requireWorkspace, validate('json', signInSchema), async (c) => {
    const input = c.req.valid('json');
    const slug = c.get('workspace').slug;
    const db = c.get('db');
    const result = await signInWithPassword(c.env, slug, db, input, clientAddressOf(c.req.raw));
    if (!result.ok) {
      if (result.code === 'rate_limited') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        return apiError(c, 429, 'rate_limited', result.message);
      }
      return apiError(c, result.code === 'account_inactive' ? 403 : 401, result.code, result.message);
    }
    const url = new URL(c.req.url);
    // Two-factor accounts get no session here: the challenge cookie continues at /login/two-factor.
    if (hasSecondFactor(await twoFactorFactsForUser(db, result.userId))) {
      const challenge = await startChallenge(c.env, slug, {
        userId: result.userId,
        persistent: input.remember,
        next: null
      });
      const opts = challengeCookieOptions(url, challenge.maxAgeSeconds);
      setCookie(c, challengeCookieName(url), challenge.token, { ...opts, sameSite: 'Lax' });
      return c.json({ signedIn: false, twoFactorRequired: true, continueAt: '/login/two-factor' });
    }
    const { token } = await createSession(c.env, slug, db, {
      userId: result.userId,
      persistent: input.remember,
      authMethod: 'password',
      userAgent: c.req.header('user-agent') ?? null,
      ipAddress: clientAddressOf(c.req.raw)
    });
    const cookie = sessionCookie(url, token, input.remember);
    setCookie(c, cookie.name, cookie.value, {
      ...cookie.options,
      sameSite: 'Lax'
    });
    return c.json({ signedIn: true });
  })
  .post('/auth/sign-out', requireWorkspace, requireUser, async (c) => {
    const url = new URL(c.req.url);
    await revokeSession(c.env, c.get('workspace').slug, c.get('db'), c.get('auth')!.session.id);
    deleteCookie(c, sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
    return c.json({ signedIn: false });
  });
