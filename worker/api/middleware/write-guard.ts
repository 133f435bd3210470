// State-changing API requests carry a JSON body of bounded size, and, when a browser session is the
// credential, come from the workspace's own origin (DESIGN §4). A token request is exempt from the
// Origin check only (credentials.ts says why that is safe). Safe methods pass through.
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';

export const MAX_JSON_BODY_BYTES = 64 * 1024;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameOriginWrites = createMiddleware<ApiEnv>(async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const tokenRequest = c.get('credential').kind === 'token';
  if (!tokenRequest && c.req.header('origin') !== new URL(c.req.url).origin) {
    return apiError(c, 403, 'forbidden', 'Cross-origin requests are not allowed.');
  }
  const type = c.req.header('content-type') ?? '';
  const hasBody =
    Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (hasBody && !type.toLowerCase().startsWith('application/json')) {
    return apiError(c, 400, 'bad_request', 'Send the body as application/json.');
  }
  await next();
});

export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: (c) => apiError(c, 413, 'payload_too_large', 'The request body is too large.')
});
