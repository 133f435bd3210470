// The handler of each outbox channel. A channel without a handler here has its changes marked failed.
import type { OutboxHandlers } from './types';
import { webhookHandler } from '../webhooks/deliver';

export const OUTBOX_HANDLERS: OutboxHandlers = {
  // Outgoing webhooks (src/lib/server/webhooks): one row per event and endpoint.
  webhook: webhookHandler()
};
