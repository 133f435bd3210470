// The one guard for every POST that SvelteKit handles: all form actions and the theme switch
// (hooks.server.ts runs it before anything else sees the request).
//
// SvelteKit refuses JSON and other non-form bodies on a form action (415), but lets text/plain
// through (an HTML form may send it), and `request.formData()` throws on text/plain, on a multipart
// body without a boundary and on a truncated multipart body: each of those used to be a 500.
// No OnTrackio form sends text/plain, so only the two encodings our forms use are accepted, and the
// body must parse. The check reads a copy (`clone()`): the action still reads the original.

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** A type SvelteKit's own check refuses, given to an action in place of a body it could not read. */
const REFUSED_TYPE = 'application/x-ontrackio-unreadable-form';

export const UNREADABLE_FORM_MESSAGE = 'We couldn’t read that form. Reload the page and try again.';

/** True when a POST carries a form body that `formData()` reads without an error. */
export async function isReadableFormPost(request: Request): Promise<boolean> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type)) return false;
  try {
    await request.clone().formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * The request SvelteKit gets instead of an unreadable one: no body and a content type that
 * SvelteKit's action check refuses (415) before any action code runs, so nothing is written and the
 * portal's error page (+error.svelte, through handleError) is shown. Everything else is kept
 * (cookies, Accept, the enhanced-form header) so the refusal takes the form the client expects.
 */
export function refusedFormRequest(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  headers.set('content-type', REFUSED_TYPE);
  return new Request(request.url, { method: request.method, headers });
}

/** For a +server.ts form endpoint (SvelteKit does not check those): the form, or null if unreadable. */
export async function formOrNull(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
