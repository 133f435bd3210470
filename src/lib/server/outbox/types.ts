// The outbox's types: what a channel handler receives and what it answers. See index.ts for the
// whole interface and its invariants.
import type { TenantDb } from '../db';
import type { SecretBoxEnv } from '../auth/secret-box';

/**
 * Every channel that delivers through the outbox. Add a name here and a handler in channels.ts
 * (the drain refuses a row whose channel has no handler by marking it failed).
 */
export const OUTBOX_CHANNELS = ['helpdesk', 'webhook'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** One change as the delivery loop hands it to its channel's handler. */
export interface OutboxChange {
  id: number;
  channel: string;
  orderingKey: string;
  eventType: string;
  /** The parsed JSON payload the service wrote. */
  payload: unknown;
  /** Attempts made before this one (0 on the first). */
  attempts: number;
  createdAt: number;
}

/** The bindings a handler may use (the Worker's Env satisfies it). */
export interface OutboxEnv extends SecretBoxEnv {
  APP_HOST: string;
}

export interface DeliveryContext {
  env: OutboxEnv;
  db: TenantDb;
  /** The workspace the loop runs for. */
  slug: string;
  now: number;
}

/**
 * What a delivery came to:
 *   delivered  done; the next change of the same key may go;
 *   retry      a transient failure (network error, timeout, 5xx, 429): try again after a backoff, or
 *              after `retryAfterMs` when the receiver said so (Retry-After);
 *   failed     a permanent failure (4xx, a refused payload): no retry will help; an admin sees it;
 *   skipped    nothing to send any more (the channel was switched off): the key moves on.
 */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'failed'; error: string }
  | { kind: 'skipped'; reason: string };

/**
 * A channel's own retry schedule, when the default (RETRY_POLICY: about 25 minutes) does not fit, e.g.
 * outgoing webhooks retry for about three days. `delayMs(attempts)` is the wait after `attempts` failed
 * attempts (1 = the first failed); a receiver's Retry-After still wins when it asks for longer.
 */
export interface OutboxRetryPolicy {
  maxAttempts: number;
  delayMs(attempts: number, random: () => number): number;
}

export interface OutboxHandler {
  deliver(change: OutboxChange, ctx: DeliveryContext): Promise<DeliveryOutcome>;
  retryPolicy?: OutboxRetryPolicy;
}

export type OutboxHandlers = Partial<Record<string, OutboxHandler>>;
