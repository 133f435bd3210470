// One error shape for the API and one place that maps unexpected failures onto it. Expected failures
// are values: a handler or guard returns `apiError(...)`, whose status is part of its type, so a route
// can only answer with a status its OpenAPI description declares (access/route-builders.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ApiError, ErrorCode } from '../../src/lib/contracts/errors';
import { isReadGateRefusal } from '../../src/lib/server/db/coalesced-reads';
import { sessionRecheckResponse } from '../../src/lib/server/http/session-recheck';

export function apiError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string[]>
) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

export function handleApiError(err: Error, c: Context) {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return apiError(c, 413, 'payload_too_large', 'The request body is too large.');
    if (status === 400) return apiError(c, 400, 'bad_request', 'The request body is not valid JSON.');
    if (status === 415) return apiError(c, 400, 'bad_request', 'Send the body as application/json.');
    return apiError(
      c,
      status,
      status === 404 ? 'not_found' : 'bad_request',
      err.message || 'Request refused.'
    );
  }
  // A read held back by the shortcut session check: the middleware answers so that the request runs
  // again (src/lib/server/http/session-recheck.ts); nothing to log.
  if (isReadGateRefusal(err)) return sessionRecheckResponse();
  // Unexpected: log for the operator (with the stack), tell the client nothing about internals.
  console.error(
    JSON.stringify({
      event: 'api.unhandled_error',
      path: new URL(c.req.url).pathname,
      error: String(err),
      stack: err.stack
    })
  );
  return apiError(c, 500, 'internal_error', 'Something went wrong on our side. Please try again.');
}
