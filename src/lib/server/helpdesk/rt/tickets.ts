// Request Tracker 5 tickets: look up by OnTrackio's reference, create, reply (correspond), note
// (comment) and status (PUT with If-Match on the ticket's ETag).
import {
  HelpdeskError,
  type HelpdeskConfig,
  type TicketDraft,
  type TicketRef,
  type Written
} from '../connector';
import { idFromLocation, objectOf, rtCall } from './http';

/** TicketSQL string literal: RT reads backslash escapes inside single quotes. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function ticketUrl(config: HelpdeskConfig, id: string): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/Ticket/Display.html?id=${encodeURIComponent(id)}`;
}

export async function findTicketByReference(
  config: HelpdeskConfig,
  reference: string
): Promise<TicketRef | null> {
  const query = `Queue = ${sqlString(config.queue)} AND 'CF.{${config.referenceField}}' = ${sqlString(reference)}`;
  const answer = await rtCall(
    config,
    'look up the ticket',
    `/tickets?query=${encodeURIComponent(query)}&orderby=id&order=ASC&per_page=1&fields=id`
  );
  const items = objectOf(answer, 'look up the ticket').items;
  if (!Array.isArray(items))
    throw new HelpdeskError('look up the ticket: the answer has no list of tickets', true);
  const first = items[0] as { id?: unknown } | undefined;
  return first?.id ? { id: String(first.id), url: ticketUrl(config, String(first.id)) } : null;
}

/** "Name <email>" as RT's Requestor field reads it; the name loses characters that would break it. */
function requestorOf(p: { name: string; email: string }): string {
  const name = p.name.replace(/[<>"\\\r\n]/g, '').trim();
  return name ? `${name} <${p.email}>` : p.email;
}

export async function createTicket(config: HelpdeskConfig, draft: TicketDraft): Promise<TicketRef & Written> {
  const answer = await rtCall(config, 'create the ticket', '/ticket', {
    method: 'POST',
    json: {
      Queue: config.queue,
      Subject: draft.subject,
      Requestor: requestorOf(draft.requester),
      Priority: draft.priority,
      Status: draft.status,
      Content: draft.body,
      ContentType: 'text/plain',
      CustomFields: { [config.referenceField]: draft.reference }
    }
  });
  const id = idFromLocation(answer) ?? String(objectOf(answer, 'create the ticket').id ?? '');
  if (!/^\d+$/.test(id)) throw new HelpdeskError('create the ticket: the answer names no ticket', true);
  return { id, url: ticketUrl(config, id), changeId: null };
}

export async function addMessage(
  config: HelpdeskConfig,
  ticketId: string,
  kind: 'correspond' | 'comment',
  body: string
): Promise<Written> {
  const what = kind === 'correspond' ? 'add the reply' : 'add the note';
  const answer = await rtCall(config, what, `/ticket/${encodeURIComponent(ticketId)}/${kind}`, {
    method: 'POST',
    json: { Content: body, ContentType: 'text/plain' }
  });
  return { changeId: idFromLocation(answer) };
}

/**
 * Sets the status unless the ticket already has it. A 412 (someone changed the ticket between our
 * read and our write) reads again, up to three times. RT answers 200 with a message list even when it
 * refuses a status, so the messages are checked.
 */
export async function setStatus(
  config: HelpdeskConfig,
  ticketId: string,
  status: string
): Promise<Written & { changed: boolean }> {
  const path = `/ticket/${encodeURIComponent(ticketId)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await rtCall(config, 'read the ticket', `${path}?fields=Status`);
    if (String(objectOf(current, 'read the ticket').Status ?? '') === status)
      return { changed: false, changeId: null };
    const etag = current.headers.get('etag');
    const answer = await rtCall(config, 'change the status', path, {
      method: 'PUT',
      json: { Status: status },
      headers: etag ? { 'if-match': etag } : {},
      accept: [412]
    });
    if (answer.status === 412) continue;
    const messages = Array.isArray(answer.body) ? answer.body.map(String) : [];
    if (messages.length === 0 || messages.some((m) => /Status changed/i.test(m)))
      return { changed: messages.length > 0, changeId: null };
    throw new HelpdeskError(`change the status to “${status}”: ${messages.join(' ').slice(0, 300)}`, false);
  }
  throw new HelpdeskError('change the status: the ticket kept changing at the same moment', true, 412);
}

/** The account that created a ticket (ours, for one we created): RT's user name. */
export async function creatorOfTicket(config: HelpdeskConfig, ticketId: string): Promise<string> {
  const answer = await rtCall(
    config,
    'read the ticket',
    `/ticket/${encodeURIComponent(ticketId)}?fields=Creator`
  );
  const creator = objectOf(answer, 'read the ticket').Creator as { id?: unknown } | undefined;
  if (!creator?.id) throw new HelpdeskError('read the ticket: no creator in the answer', true);
  return String(creator.id);
}
