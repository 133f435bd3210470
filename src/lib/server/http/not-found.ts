import { error } from '@sveltejs/kit';

/** Ends the request with a 404 page saying `message`. Typed `never`, so callers need no `x!` after it. */
export function notFound(message: string): never {
  error(404, { message, code: 'not_found' });
}

/** `value` when it exists; otherwise ends the request with a 404 saying `message`. */
export function foundOr404<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) notFound(message);
  return value;
}
