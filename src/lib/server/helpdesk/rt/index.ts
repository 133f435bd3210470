// The Request Tracker 5 adapter (REST 2.0): the HelpdeskConnector interface over tickets.ts,
// changes.ts and test-connection.ts.
import type { HelpdeskConfig, HelpdeskConnector } from '../connector';
import {
  addMessage,
  createTicket,
  creatorOfTicket,
  findTicketByReference,
  setStatus,
  ticketUrl
} from './tickets';
import { authorName, changeBody, latestCursor, listChangesSince } from './changes';
import { testConnection } from './test-connection';

export function requestTracker5(config: HelpdeskConfig): HelpdeskConnector {
  return {
    testConnection: () => testConnection(config),
    findTicketByReference: (reference) => findTicketByReference(config, reference),
    createTicket: (draft) => createTicket(config, draft),
    addPublicReply: (ticketId, body) => addMessage(config, ticketId, 'correspond', body),
    addInternalNote: (ticketId, body) => addMessage(config, ticketId, 'comment', body),
    setStatus: (ticketId, status) => setStatus(config, ticketId, status),
    latestCursor: () => latestCursor(config),
    listChangesSince: (cursor) => listChangesSince(config, cursor),
    // The cursor is the last transaction id seen, and ids only grow.
    cursorBefore: (change) => String(Math.max(0, Number(change.id) - 1)),
    changeBody: (change) => changeBody(config, change),
    authorName: (authorId) => authorName(config, authorId),
    creatorOfTicket: (ticketId) => creatorOfTicket(config, ticketId),
    ticketUrl: (ticketId) => ticketUrl(config, ticketId)
  };
}
