// What the request presents: a session cookie (browsers), an `Authorization` header (API tokens), or
// neither. A request with both is refused before anything else reads them: a token request must not
// ride on a browser's cookie, and the Origin check is skipped for token requests only because they
// carry no cookie (write-guard.ts). Browsers never attach an `Authorization` header to a cross-site
// request without a CORS preflight, which this API does not answer, so the exemption opens no CSRF hole.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv, Credential } from '../types';
import { apiError } from '../errors';
import { sessionCookieName } from '../../../src/lib/server/auth/cookie';

export const readCredentials = createMiddleware<ApiEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const cookie = getCookie(c, sessionCookieName(new URL(c.req.url)));
  if (header !== undefined && cookie !== undefined)
    return apiError(c, 400, 'bad_request', 'Send either an API token or a session cookie, not both.');
  const credential: Credential =
    header !== undefined
      ? { kind: 'token', header }
      : cookie !== undefined
        ? { kind: 'cookie', value: cookie }
        : { kind: 'none' };
  c.set('credential', credential);
  await next();
});
