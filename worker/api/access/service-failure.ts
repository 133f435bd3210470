// One mapping from a service's refusal (`{ ok: false, code, message?, fields? }`, the shape every
// service in src/lib/server returns) to the API's answer: forbidden → 403, not_found → 404, invalid →
// 400 with the field errors, anything else → 409 (refused in the current state; the message says why).
// A route that uses it must declare 409 (400, 403 and 404 every workspace route declares already);
// a route over a service that can only refuse as forbidden or not found uses answerForbiddenOrNotFound.
import type { Context } from 'hono';
import { apiError } from '../errors';

export interface ServiceRefusal {
  code: string;
  message?: string;
  fields?: Record<string, string[]>;
}

export function answerServiceRefusal(c: Context, refusal: ServiceRefusal, notFoundMessage?: string) {
  const message = refusal.message ?? 'That is not possible now.';
  if (refusal.code === 'forbidden') return apiError(c, 403, 'forbidden', message);
  if (refusal.code === 'not_found') return apiError(c, 404, 'not_found', notFoundMessage ?? message);
  if (refusal.code === 'invalid') return apiError(c, 400, 'validation_failed', message, refusal.fields);
  return apiError(c, 409, 'conflict', message);
}

/**
 * For a service whose only refusals are forbidden and not_found (anything but forbidden answers 404
 * with `notFoundMessage`): its answers are 403 and 404 only, so a route that declares no 409 can use it.
 */
export function answerForbiddenOrNotFound(
  c: Context,
  refusal: { code: string; message?: string },
  notFoundMessage: string
) {
  if (refusal.code === 'forbidden')
    return apiError(c, 403, 'forbidden', refusal.message ?? 'That is not possible now.');
  return apiError(c, 404, 'not_found', notFoundMessage);
}
