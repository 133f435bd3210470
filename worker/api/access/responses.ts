// Response helpers for route declarations, and the error answers that a route's guard and the app-wide
// middleware can give before its handler runs, so that every status a route can send is in the spec.
import type { ZodType } from 'zod';
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

/** Answers any workspace route may give: app-wide middleware, token check, guard, validation. */
export const WORKSPACE_ERRORS = {
  400: errorJson(
    '`validation_failed` (with `fields`), or `bad_request`: the body is not JSON, or the request ' +
      'carries both an API token and a session cookie.'
  ),
  401: errorJson('`unauthenticated`: no session, or the API token is not valid.'),
  403: errorJson(
    '`forbidden` (a cross-origin write with a session, a role or token without this permission, a ' +
      'token without this scope, a token used from an address it does not allow), ' +
      '`two_factor_setup_required`, `workspace_suspended`.'
  ),
  404: errorJson('`not_found`, or `workspace_not_found` (no workspace at this host).'),
  413: errorJson('`payload_too_large`: the body is over 64 KiB.'),
  429: errorJson('`rate_limited`: too many attempts; `Retry-After` says how long to wait.'),
  500: errorJson('`internal_error`: a bug, logged for the operator.')
} as const;

/** Answers of the routes served on any host (health, this description). */
export const ANY_HOST_ERRORS = {
  500: errorJson('`internal_error`: a bug, logged for the operator.')
} as const;

/** Answers of the agent routes (no session, no API token; the device credential where needed). */
export const AGENT_ERRORS = {
  400: errorJson('`validation_failed` (with `fields`) or `bad_request` (not JSON).'),
  401: errorJson('`unauthenticated`: the device credential is unknown or revoked.'),
  403: errorJson('`workspace_suspended`.'),
  404: errorJson('`not_found`, or `workspace_not_found` (no workspace at this host).'),
  413: errorJson('`payload_too_large`.'),
  429: errorJson('`rate_limited`: `Retry-After` says how long to wait.'),
  500: errorJson('`internal_error`: a bug, logged for the operator.')
} as const;
