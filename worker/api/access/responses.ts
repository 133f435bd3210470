// Response helpers for route declarations, and the error answers that a route's guard and the app-wide
// middleware can give before its handler runs, so that every status a route can send is in the spec.
import type { ZodType } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiErrorSchema } from '../../../src/lib/contracts/errors';

export const jsonContent = <S extends ZodType>(schema: S) => ({ 'application/json': { schema } }) as const;

/** A JSON response described by `schema`. */
export const json = <S extends ZodType>(description: string, schema: S) => ({
  description,
  content: jsonContent(schema)
});

/** An error answer in the API's one error shape. */
export const errorJson = (description: string) => json(description, apiErrorSchema);

/** A required JSON request body. */
export const jsonBody = <S extends ZodType>(schema: S) => ({ required: true, content: jsonContent(schema) });

/** The error answers every route of a kind may give before (or besides) its handler: app-wide
 *  middleware, the token check, the guard, validation. Described once under components.responses. */
const COMMON_ERRORS = {
  BadRequest: errorJson(
    '`validation_failed` (with `fields`), or `bad_request`: the body is not JSON, or the request ' +
      'carries both an API token and a session cookie.'
  ),
  Unauthenticated: errorJson('`unauthenticated`: no session, or the credential is not valid.'),
  Forbidden: errorJson(
    '`forbidden` (a cross-origin write with a session, a role or token without this permission, a ' +
      'token without this scope, a token used from an address it does not allow), ' +
      '`two_factor_setup_required`, `workspace_suspended`.'
  ),
  NotFound: errorJson('`not_found`, or `workspace_not_found` (no workspace at this host).'),
  PayloadTooLarge: errorJson('`payload_too_large`: the body is over its limit (64 KiB for /api/v1).'),
  RateLimited: errorJson('`rate_limited`: too many attempts; `Retry-After` says how long to wait.'),
  InternalError: errorJson('`internal_error`: a bug, logged for the operator.')
} as const;
type CommonError = keyof typeof COMMON_ERRORS;

const ref = (name: CommonError) => ({ $ref: `#/components/responses/${name}` }) as const;

/** Puts the common error answers (and the error schema) into the description's components. */
export function registerCommonErrors(registry: OpenAPIHono['openAPIRegistry']) {
  registry.register('ApiError', apiErrorSchema);
  for (const [name, response] of Object.entries(COMMON_ERRORS))
    registry.registerComponent('responses', name, {
      description: response.description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } }
    });
}

/** Answers any workspace route may give. */
export const WORKSPACE_ERRORS = {
  400: ref('BadRequest'),
  401: ref('Unauthenticated'),
  403: ref('Forbidden'),
  404: ref('NotFound'),
  413: ref('PayloadTooLarge'),
  429: ref('RateLimited'),
  500: ref('InternalError')
} as const;

/** Answers of the routes served on any host (health, this description). */
export const ANY_HOST_ERRORS = { 500: ref('InternalError') } as const;

/** Answers of the agent routes (no session, no API token; the device credential where needed). */
export const AGENT_ERRORS = WORKSPACE_ERRORS;
