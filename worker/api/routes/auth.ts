// JSON sign-in / sign-out for integrations and scripts; the Sign in page uses the same services.
import * as z from 'zod';
import { setCookie, deleteCookie } from 'hono/cookie';
import { newRouter } from '../access/router';
import { publicRoute, sessionRoute } from '../access/route-builders';
import { json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { signInSchema } from '../../../src/lib/contracts/auth';
import { signInWithPassword } from '../../../src/lib/server/auth/sign-in';
import { revokeSession } from '../../../src/lib/server/auth/session';
import { sessionCookie, sessionCookieName } from '../../../src/lib/server/auth/cookie';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import { challengeCookieName, challengeCookieOptions } from '../../../src/lib/server/auth/challenge';

const signInResultSchema = z.union([
  z.strictObject({ signedIn: z.literal(true) }),
  z.strictObject({
    signedIn: z.literal(false),
    twoFactorRequired: z.literal(true),
    continueAt: z.string().describe('The page where the second factor is asked for.')
  })
]);
const tag = 'Sign in';

export const authRoutes = newRouter()
  .openapi(
    publicRoute({
      method: 'post',
      path: '/auth/sign-in',
      tag,
      summary: 'Sign in with email and password',
      description:
        'Sets the session cookie. An account with a second factor gets no session here: the answer ' +
        'says where to continue, with a challenge cookie.',
      request: { body: jsonBody(signInSchema) },
      responses: { 200: json('Signed in, or a second factor is needed.', signInResultSchema) }
    }),
    async (c) => {
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
        if (result.code === 'account_inactive') return apiError(c, 403, result.code, result.message);
        return apiError(c, 401, result.code, result.message);
      }
      const url = new URL(c.req.url);
      // Two-factor accounts get no session here: the challenge cookie continues at /login/two-factor.
      if (result.outcome === 'two_factor_challenge') {
        const opts = challengeCookieOptions(url, result.challengeMaxAgeSeconds);
        setCookie(c, challengeCookieName(url), result.challengeToken, { ...opts, sameSite: 'Lax' });
        return c.json(
          { signedIn: false as const, twoFactorRequired: true as const, continueAt: '/login/two-factor' },
          200
        );
      }
      const cookie = sessionCookie(url, result.sessionToken, result.persistent);
      setCookie(c, cookie.name, cookie.value, { ...cookie.options, sameSite: 'Lax' });
      return c.json({ signedIn: true as const }, 200);
    }
  )
  .openapi(
    sessionRoute({
      method: 'post',
      path: '/auth/sign-out',
      tag,
      summary: 'Sign out (this session)',
      responses: { 200: json('Signed out.', z.strictObject({ signedIn: z.literal(false) })) }
    }),
    async (c) => {
      const url = new URL(c.req.url);
      await revokeSession(c.env, c.get('workspace').slug, c.get('db'), c.get('session').session.id);
      deleteCookie(c, sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
      return c.json({ signedIn: false as const }, 200);
    }
  );
