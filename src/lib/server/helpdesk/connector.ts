// The help-desk connector: what OnTrackio needs from any help desk, so that Request Tracker 5 (rt/) is
// one adapter and Zendesk, Jira Service Management, Freshservice or ServiceNow can be others
// (docs/helpdesk.md says what each of their APIs offers). Every method talks to the help desk over
// HTTP and throws HelpdeskError on failure, saying whether trying again later could help.
//
// Invariants every adapter keeps:
// - createTicket is only called after findTicketByReference found nothing; the reference is stored on
//   the ticket (a custom field, an external id) so that the lookup finds it next time: creation is
//   idempotent even when the answer to a create was lost.
// - setStatus writes nothing when the ticket already has that status (no echo, no noise) and guards
//   against a concurrent edit (RT: If-Match on the ticket's ETag).
// - listChangesSince returns changes in the help desk's own order after an opaque cursor; feeding the
//   returned cursor back never skips a change and never returns one twice.

export interface HelpdeskConfig {
  baseUrl: string;
  token: string;
  queue: string;
  /** The help desk's field that holds OnTrackio's reference (RT: a ticket custom field's name). */
  referenceField: string;
}

export interface TicketRef {
  id: string;
  /** Where a person opens the ticket in the help desk's own UI. */
  url: string;
}

export interface TicketDraft {
  reference: string;
  subject: string;
  /** Plain text: every field of the request, the requester and the link back. */
  body: string;
  priority: number;
  requester: { name: string; email: string };
  /** The help desk status to create it in (already mapped). */
  status: string;
}

export interface Written {
  /** The help desk's id of what we wrote (RT: a transaction id), remembered so it never comes back. */
  changeId: string | null;
}

export type TicketChange =
  | { kind: 'public_reply' | 'internal_note'; id: string; ticketId: string; authorId: string; at: string }
  | { kind: 'status'; id: string; ticketId: string; authorId: string; at: string; from: string; to: string };

export interface ChangePage {
  changes: TicketChange[];
  cursor: string;
  /** True when more changes may follow right away (call again with the new cursor). */
  more: boolean;
}

export type ConnectionProblem = 'unreachable' | 'bad_token' | 'no_queue' | 'missing_rights' | 'bad_answer';

export type ConnectionCheck =
  { ok: true; detail: string } | { ok: false; problem: ConnectionProblem; message: string };

export interface HelpdeskConnector {
  testConnection(): Promise<ConnectionCheck>;
  findTicketByReference(reference: string): Promise<TicketRef | null>;
  createTicket(draft: TicketDraft): Promise<TicketRef & Written>;
  /** A reply the requester sees (RT: correspond). */
  addPublicReply(ticketId: string, body: string): Promise<Written>;
  /** A note only agents see (RT: comment). */
  addInternalNote(ticketId: string, body: string): Promise<Written>;
  setStatus(ticketId: string, status: string): Promise<Written & { changed: boolean }>;
  /** The newest change's cursor: a new connection starts from "now", not from the help desk's past. */
  latestCursor(): Promise<string>;
  listChangesSince(cursor: string): Promise<ChangePage>;
  /** The cursor from which listChangesSince returns this change again (to re-read an unfinished one). */
  cursorBefore(change: TicketChange): string;
  /** The text of a reply or note. */
  changeBody(change: TicketChange): Promise<string>;
  /** A person's display name in the help desk (cached by the caller per run). */
  authorName(authorId: string): Promise<string>;
  /** Who created a ticket: for one we created, the account the API token acts as (learned once). */
  creatorOfTicket(ticketId: string): Promise<string>;
  ticketUrl(ticketId: string): string;
}

/**
 * A failed call. `transient`: a network error, timeout, 408/425/429 or 5xx; trying later may work
 * (retryAfterMs when the help desk said so). Otherwise the help desk refused this request for good.
 */
export class HelpdeskError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs?: number
  ) {
    super(message);
    this.name = 'HelpdeskError';
  }
}
