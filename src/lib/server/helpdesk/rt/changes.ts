// Reading what happened in Request Tracker since a cursor. RT's transaction ids only grow, so the last
// id seen is the cursor (STACK-NOTES). The query names only the transaction types we act on
// (Correspond, Comment, Status) in the connected queue: RT drops rows the account may not see from a
// page after paging, and a page of rows we would skip anyway could otherwise look like the end.
import { decodeBase64 } from '@oslojs/encoding';
import { HelpdeskError, type ChangePage, type HelpdeskConfig, type TicketChange } from '../connector';
import { objectOf, rtCall } from './http';
import { sqlString } from './tickets';

const PAGE = 100;

function changeQuery(config: HelpdeskConfig, after: string): string {
  return [
    `ObjectType = 'RT::Ticket'`,
    `TicketQueue = ${sqlString(config.queue)}`,
    `id > ${Number(after) || 0}`,
    `(Type = 'Correspond' OR Type = 'Comment' OR Type = 'Status')`
  ].join(' AND ');
}

interface RtTxn {
  id?: unknown;
  Type?: unknown;
  ObjectId?: unknown;
  Creator?: { id?: unknown };
  OldValue?: unknown;
  NewValue?: unknown;
  Created?: unknown;
}

function toChange(t: RtTxn): TicketChange | null {
  const base = {
    id: String(t.id ?? ''),
    ticketId: String(t.ObjectId ?? ''),
    authorId: String(t.Creator?.id ?? ''),
    at: String(t.Created ?? '')
  };
  if (!/^\d+$/.test(base.id) || !/^\d+$/.test(base.ticketId)) return null;
  if (t.Type === 'Correspond') return { kind: 'public_reply', ...base };
  if (t.Type === 'Comment') return { kind: 'internal_note', ...base };
  if (t.Type === 'Status')
    return { kind: 'status', ...base, from: String(t.OldValue ?? ''), to: String(t.NewValue ?? '') };
  return null;
}

async function transactions(config: HelpdeskConfig, after: string, order: 'ASC' | 'DESC', perPage: number) {
  const q = encodeURIComponent(changeQuery(config, after));
  const answer = await rtCall(
    config,
    'read the ticket history',
    `/transactions?query=${q}&orderby=id&order=${order}&per_page=${perPage}&fields=Type,ObjectId,Creator,OldValue,NewValue,Created`
  );
  const items = objectOf(answer, 'read the ticket history').items;
  if (!Array.isArray(items)) throw new HelpdeskError('read the ticket history: the answer has no list', true);
  return items as RtTxn[];
}

export async function latestCursor(config: HelpdeskConfig): Promise<string> {
  const [last] = await transactions(config, '0', 'DESC', 1);
  return last?.id ? String(last.id) : '0';
}

export async function listChangesSince(config: HelpdeskConfig, cursor: string): Promise<ChangePage> {
  const items = await transactions(config, cursor, 'ASC', PAGE);
  const changes = items.map(toChange).filter((c): c is TicketChange => c !== null);
  const ids = items.map((t) => Number(t.id)).filter((n) => Number.isFinite(n));
  const next = ids.length ? String(Math.max(Number(cursor) || 0, ...ids)) : cursor;
  // A short page is the end for now (RT may drop unreadable rows from a page; the next pull goes on).
  return { changes, cursor: next, more: items.length >= PAGE };
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The text of a reply or note: the transaction's first text/plain part (else its HTML as text). RT's
 * collection answer breaks on non-ASCII content (HTTP 500), so the part is read on its own (base64).
 */
export async function changeBody(config: HelpdeskConfig, change: TicketChange): Promise<string> {
  const list = await rtCall(config, 'read the reply', '/attachments?fields=ContentType', {
    method: 'POST',
    json: [{ field: 'TransactionId', value: Number(change.id) }]
  });
  const parts = (objectOf(list, 'read the reply').items ?? []) as { id?: unknown; ContentType?: unknown }[];
  const pick =
    parts.find((p) => String(p.ContentType).toLowerCase() === 'text/plain') ??
    parts.find((p) => String(p.ContentType).toLowerCase() === 'text/html');
  if (!pick?.id) return '';
  const part = objectOf(
    await rtCall(config, 'read the reply', `/attachment/${Number(pick.id)}`),
    'read the reply'
  );
  const raw = typeof part.Content === 'string' ? part.Content : '';
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(decodeBase64(raw.replace(/\s+/g, '')));
  } catch {
    text = raw;
  }
  return String(pick.ContentType).toLowerCase() === 'text/html' ? htmlToText(text) : text.trim();
}

export async function authorName(config: HelpdeskConfig, authorId: string): Promise<string> {
  try {
    const user = objectOf(
      await rtCall(config, 'read the user', `/user/${encodeURIComponent(authorId)}`),
      'read the user'
    );
    const real = typeof user.RealName === 'string' ? user.RealName.trim() : '';
    return real || authorId;
  } catch (e) {
    // A name is nice to have: an agent we may not read is shown by their login.
    if (e instanceof HelpdeskError && !e.transient) return authorId;
    throw e;
  }
}
