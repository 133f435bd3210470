// Calls to Request Tracker's REST 2.0 API (`<base>/REST/2.0/...`) with the integration account's auth
// token. Every call has a timeout; every failure becomes a HelpdeskError that says whether a retry
// could help (the outbox retries those with backoff).
import { HelpdeskError, type HelpdeskConfig } from '../connector';
import { parseRetryAfter } from '../../outbox/backoff';

/** RT answers in 0.3-1 s here (STACK-NOTES); 15 s means it is not going to answer. */
const TIMEOUT_MS = 15_000;
/** An answer bigger than this is not an RT answer we asked for. */
const MAX_ANSWER_BYTES = 2_000_000;

export function restBase(config: HelpdeskConfig): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/REST/2.0`;
}

export interface RtAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

function describe(status: number): string {
  if (status === 401) return 'the API token was refused';
  if (status === 403) return 'the integration account lacks a right for this';
  if (status === 404) return 'not found';
  if (status === 412) return 'the ticket changed at the same moment';
  if (status === 429) return 'too many requests';
  if (status >= 500) return 'the help desk had an internal error';
  return 'refused';
}

/**
 * One call. Resolves with the parsed JSON for 2xx (and for the statuses in `accept`); throws
 * HelpdeskError otherwise. `what` names the call in error messages ("create ticket").
 */
export async function rtCall(
  config: HelpdeskConfig,
  what: string,
  path: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string>; accept?: number[] } = {}
): Promise<RtAnswer> {
  const headers: Record<string, string> = {
    authorization: `token ${config.token}`,
    accept: 'application/json',
    ...init.headers
  };
  if (init.json !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  let res: Response;
  try {
    res = await fetch(`${restBase(config)}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS)
    });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new HelpdeskError(
      `${what}: ${timedOut ? 'the help desk did not answer in time' : 'could not reach the help desk'}`,
      true
    );
  }
  const text = await readCapped(res);
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if ((res.status >= 200 && res.status < 300) || init.accept?.includes(res.status))
    return { status: res.status, headers: res.headers, body };
  const transient = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
  const detail =
    typeof body === 'object' && body && 'message' in body
      ? String((body as { message: unknown }).message)
      : '';
  throw new HelpdeskError(
    `${what}: HTTP ${res.status}, ${describe(res.status)}${detail && detail !== describe(res.status) ? ` (${detail.slice(0, 200)})` : ''}`,
    transient,
    res.status,
    transient ? parseRetryAfter(res.headers.get('retry-after'), Date.now()) : undefined
  );
}

async function readCapped(res: Response): Promise<string> {
  const length = Number(res.headers.get('content-length') ?? '0');
  if (length > MAX_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new HelpdeskError('the help desk sent an answer far larger than expected', false, res.status);
  }
  const text = await res.text();
  if (text.length > MAX_ANSWER_BYTES)
    throw new HelpdeskError('the help desk sent an answer far larger than expected', false, res.status);
  return text;
}

/** A JSON object from an answer body, or a HelpdeskError saying the answer was not what RT sends. */
export function objectOf(answer: RtAnswer, what: string): Record<string, unknown> {
  if (typeof answer.body === 'object' && answer.body !== null && !Array.isArray(answer.body))
    return answer.body as Record<string, unknown>;
  throw new HelpdeskError(`${what}: the help desk answered something that is not Request Tracker JSON`, true);
}

/** The numeric id at the end of a Location header (`/REST/2.0/transaction/42` → "42"). */
export function idFromLocation(answer: RtAnswer): string | null {
  const m = /\/(\d+)\/?$/.exec(answer.headers.get('location') ?? '');
  return m ? m[1]! : null;
}
