// The outbox: the one way anything leaves OnTrackio (help-desk sync now, outgoing webhooks later).
//
// Writing (a service, inside its existing db.batch):
//   outboxStatement(db, { channel, orderingKey, eventType, payload }, { now, onlyIf, onlyIfChanged })
//   - channel:     which handler delivers it ('helpdesk'; add yours to OUTBOX_CHANNELS in types.ts);
//   - orderingKey: changes with the same (channel, key) are delivered one at a time in the order they
//                  were written (the row id), e.g. `request:<id>`; different keys go in parallel;
//   - eventType:   what happened ('request.created', 'request.message', ...);
//   - payload:     a JSON snapshot with everything the handler needs;
//   - onlyIf:      SQL that must hold for the row to be written (e.g. "the channel is connected");
//   - onlyIfChanged: chain on the statement just before (a conditional UPDATE that lost a race writes
//                  no outbox row).
//   After the request, the Worker wakes the loop (kickOutboxAfterWrite in hooks.server.ts and the API's
//   context middleware); the scheduled job (worker/scheduled-sync.ts, every 2 minutes) wakes every
//   workspace's loop too, so nothing waits forever even if a wake-up was lost.
//
// Delivering (a channel, in channels.ts): an OutboxHandler with
//   deliver(change, { env, db, slug, now }) → { kind: 'delivered' | 'retry' | 'failed' | 'skipped', ... }
//   Use outcomeOfHttpFailure / outcomeOfNetworkError (backoff.ts) so every channel retries the same
//   things: network errors, timeouts, 408/425/429 and 5xx are retried with exponential backoff and
//   jitter, honouring Retry-After; anything else fails at once. After RETRY_POLICY.maxAttempts a change
//   is failed (a handler may bring its own `retryPolicy`, e.g. webhooks retry for about three days).
//   Delivery is at least once: make the receiving side idempotent.
//
// The loop: the OutboxDelivery Durable Object, one per workspace (docs/decisions.md says why a DO
// alarm and not a Queue), runs drainOutbox (drain.ts).
//
// Admins (admin.ts): outboxSummaryForWorkspace lists a channel's failed changes with their error and
// what is pending; retryOutboxChangeForWorkspace puts a failed change back (audited). A failed change
// blocks the later changes of its key until it is retried, so order is never broken.
export { outboxStatement, type OutboxDraft, type OutboxStatementOptions } from './statement';
export { kickOutbox, kickOutboxAfterWrite, outboxLoopOf } from './kick';
export {
  outboxSummaryForWorkspace,
  retryOutboxChangeForWorkspace,
  pruneOutbox,
  type OutboxSummary,
  type FailedChange
} from './admin';
export { RETRY_POLICY, outcomeOfHttpFailure, outcomeOfNetworkError, parseRetryAfter } from './backoff';
export { OUTBOX_CHANNELS } from './types';
export type {
  OutboxChannel,
  OutboxChange,
  OutboxEnv,
  DeliveryContext,
  DeliveryOutcome,
  OutboxHandler,
  OutboxHandlers,
  OutboxRetryPolicy
} from './types';
