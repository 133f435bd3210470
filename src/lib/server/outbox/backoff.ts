// Retry policy of the delivery loop and the mapping from an HTTP answer to a delivery outcome, shared
// by every channel handler so that all of them retry the same things the same way.
import type { DeliveryOutcome } from './types';

export const RETRY_POLICY = {
  /** After this many attempts a change is marked failed (about 25 minutes of retries in total). */
  maxAttempts: 12,
  baseMs: 2_000,
  capMs: 5 * 60_000,
  /** A receiver's Retry-After is honoured up to this long. */
  maxRetryAfterMs: 60 * 60_000
} as const;

/**
 * How long to wait after `attempts` failed attempts (1 = the first failed). Exponential with "equal
 * jitter" (half fixed, half random) so that many keys failing together do not retry in lockstep;
 * a Retry-After from the receiver wins when it asks for longer.
 */
export function retryDelayMs(attempts: number, retryAfterMs?: number, random: () => number = Math.random) {
  const exp = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp / 2 + (random() * exp) / 2);
  if (retryAfterMs === undefined) return jittered;
  const asked = Math.min(RETRY_POLICY.maxRetryAfterMs, Math.max(0, retryAfterMs));
  // A little jitter on top of the receiver's time, so a rate-limited burst does not come back at once.
  return Math.max(asked + Math.round(random() * 1_000), Math.min(jittered, asked + 1_000));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The outcome of a non-2xx HTTP answer: 408, 425, 429 and 5xx are transient (retry, honouring
 * Retry-After); every other status is a permanent refusal of this change.
 */
export function outcomeOfHttpFailure(
  res: Response,
  what: string,
  detail: string,
  now: number
): DeliveryOutcome {
  const error = `${what}: HTTP ${res.status}${detail ? ` ${detail}` : ''}`.slice(0, 500);
  const transient = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
  if (!transient) return { kind: 'failed', error };
  return { kind: 'retry', error, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now) };
}

/** A fetch that threw (connection refused, DNS, TLS, timeout) is always worth another try. */
export function outcomeOfNetworkError(e: unknown, what: string): DeliveryOutcome {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  return {
    kind: 'retry',
    error: `${what}: ${timedOut ? 'no answer in time' : `unreachable (${message})`}`.slice(0, 500)
  };
}
