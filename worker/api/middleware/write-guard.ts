// State-changing API requests are accepted only from the workspace's own origin, with a JSON body
// of bounded size (DESIGN §4). Safe methods pass through.
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';

export const MAX_JSON_BODY_BYTES = 64 * 1024;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameOriginWrites = createMiddleware<ApiEnv>(async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const expected = new URL(c.req.url).origin;
  if (c.req.header('origin') !== expected) {
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
