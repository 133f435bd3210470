// The answer for a request whose shortcut session check refused the session it ran as
// (http/request-context.ts, withKnownSession): nothing computed for it may leave the Worker. The
// page or API handler returns this marked response; worker/index.ts sees the mark and runs the same
// request once more, which now takes the full session check (the isolate's copy is gone), so the
// client gets exactly the answer the full check gives: the page, a redirect to Sign in, a 401.
// Only read-only requests take the shortcut path, so running one again repeats no write.
const RECHECK_HEADER = 'x-ontrackio-session-recheck';

export function sessionRecheckResponse(): Response {
  // Should it ever leave the Worker (it must not), a client sees "try again", never content.
  return new Response(null, {
    status: 503,
    headers: { [RECHECK_HEADER]: '1', 'retry-after': '0', 'cache-control': 'no-store' }
  });
}

export function needsSessionRecheck(response: Response): boolean {
  return response.headers.has(RECHECK_HEADER);
}

/** The marked response made plain, for the (never expected) case that a second run is marked too. */
export function withoutRecheckMark(response: Response): Response {
  const plain = new Response(response.body, response);
  plain.headers.delete(RECHECK_HEADER);
  return plain;
}
