// How long webhook deliveries are retried: about three days, then the endpoint is disabled and the
// admins are told. The waits follow the common webhook practice (Svix, Standard Webhooks' reference
// implementation) stretched to three days: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 14 h, 14 h, 16 h
// (71.6 hours in all), each with ±10 % jitter so a burst of failures does not come back in lockstep.
import type { OutboxRetryPolicy } from '../outbox';

const S = 1000;
const H = 3600 * S;
export const WEBHOOK_RETRY_DELAYS_MS = [
  5 * S,
  5 * 60 * S,
  30 * 60 * S,
  2 * H,
  5 * H,
  10 * H,
  10 * H,
  14 * H,
  14 * H,
  16 * H
];

export const WEBHOOK_RETRY_POLICY: OutboxRetryPolicy = {
  // The first attempt plus one per wait.
  maxAttempts: WEBHOOK_RETRY_DELAYS_MS.length + 1,
  delayMs(attempts, random) {
    const base = WEBHOOK_RETRY_DELAYS_MS[Math.min(attempts, WEBHOOK_RETRY_DELAYS_MS.length) - 1];
    return Math.round(base * (0.9 + 0.2 * random()));
  }
};
