// One error shape for the API and one place that maps failures onto it.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ApiError, ErrorCode } from '../../src/lib/contracts/errors';

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string[]>
) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

/** Expected failures thrown from deep inside a handler; everything else is a 500 with no detail. */
export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>
  ) {
    super(message);
  }
}

export function handleApiError(err: Error, c: Context) {
  if (err instanceof ApiFailure) return apiError(c, err.status, err.code, err.message, err.fields);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return apiError(c, 413, 'payload_too_large', 'The request body is too large.');
    if (status === 400) return apiError(c, 400, 'bad_request', 'The request body is not valid JSON.');
    return apiError(
      c,
      status,
      status === 404 ? 'not_found' : 'bad_request',
      err.message || 'Request refused.'
    );
  }
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
