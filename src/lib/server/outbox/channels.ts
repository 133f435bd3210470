// The handler of each outbox channel. A channel without a handler here has its changes marked failed.
import type { OutboxHandlers } from './types';
import { helpdeskOutboxHandler } from '../helpdesk/outbound';

export const OUTBOX_HANDLERS: OutboxHandlers = {
  helpdesk: helpdeskOutboxHandler
};
