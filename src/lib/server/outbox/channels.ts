// The handler of each outbox channel. A channel without a handler here has its changes marked failed.
import type { OutboxHandlers } from './types';
import { helpdeskOutboxHandler } from '../helpdesk/outbound';
import { webhookHandler } from '../webhooks/deliver';

export const OUTBOX_HANDLERS: OutboxHandlers = {
  // The help desk (src/lib/server/helpdesk): one row per change of a request or problem report.
  helpdesk: helpdeskOutboxHandler,
  // Outgoing webhooks (src/lib/server/webhooks): one row per event and endpoint.
  webhook: webhookHandler()
};
