// My requests (seed 000; New request is create-request.ts). Every read and write of a request is
// scoped by `requests.user_id = :userId`; another user's request id behaves exactly like an unknown id.
// State changes are conditional UPDATEs decided by the database, never read-then-write in code alone.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { requestEvents, requestMessages, requests } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyAdminsStatement } from '../notifications/notify';
import { helpdeskRequestMessage, helpdeskRequestStatus } from '../helpdesk/enqueue';
import { CANCELLABLE_STATUSES, type Paged, type RequestMessageInput } from '../../contracts/my';
import { pageOf, pageWindow } from '../paging';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { loadRequestDetail, type RequestTimelineEntry } from './request-detail';
import { webhookEventStatement } from '../webhooks/events';

type RequestStatus = (typeof requests.$inferSelect)['status'];

export interface MyRequestSummary {
  id: string;
  type: string;
  title: string;
  urgency: string;
  status: RequestStatus;
  createdAt: number;
  updatedAt: number;
}

// The list and its total, their SQL built once per isolate (db/fixed-query.ts).
const requestPageOfUser = fixedQuery(['userId', 'limit', 'offset'], (db, p) =>
  db
    .select({
      id: requests.id,
      type: requests.type,
      title: requests.title,
      urgency: requests.urgency,
      status: requests.status,
      createdAt: requests.createdAt,
      updatedAt: requests.updatedAt
    })
    .from(requests)
    .where(eq(requests.userId, p.userId))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(p.limit)
    .offset(p.offset)
);
const requestCountOfUser = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(requests).where(eq(requests.userId, p.userId))
);

/** Newest first. */
export async function listRequestsForUser(
  db: TenantDb,
  userId: string,
  page = 1
): Promise<Paged<MyRequestSummary>> {
  const [rows, total] = await runFixedBatch(db, [
    requestPageOfUser.with({ userId, ...pageWindow(page) }),
    requestCountOfUser.with({ userId })
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

export interface MyRequestDetail extends MyRequestSummary {
  justification: string;
  category: string | null;
  software: string | null;
  specificModel: string | null;
  estimatedCostCents: number | null;
  decisionReason: string | null;
  cancellable: boolean;
  timeline: RequestTimelineEntry[];
  messages: { id: string; author: string; mine: boolean; body: string; at: number }[];
}

export async function getRequestForUser(
  db: TenantDb,
  userId: string,
  requestId: string
): Promise<MyRequestDetail | null> {
  // The scope is in the WHERE clause: another user's request reads exactly like an unknown id.
  const detail = await loadRequestDetail(db, and(eq(requests.id, requestId), eq(requests.userId, userId)));
  if (!detail) return null;
  const { row } = detail;
  // A projection: the requester's view has no reviewer identity beyond the timeline and thread.
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    urgency: row.urgency,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    justification: row.justification,
    category: row.category,
    software: row.software,
    specificModel: row.specificModel,
    estimatedCostCents: row.estimatedCostCents,
    decisionReason: row.decisionReason,
    cancellable: (CANCELLABLE_STATUSES as readonly string[]).includes(row.status),
    timeline: detail.timeline,
    messages: detail.messages.map(({ authorId, ...m }) => ({ ...m, mine: authorId === userId }))
  };
}

/** Adds a message to the user's own request and tells the administrators. Null when not theirs. */
export async function addMessageForUser(
  db: TenantDb,
  user: { id: string; name: string },
  requestId: string,
  input: RequestMessageInput,
  now = Date.now()
): Promise<{ id: string } | null> {
  const own = await db
    .select({ title: requests.title })
    .from(requests)
    .where(and(eq(requests.id, requestId), eq(requests.userId, user.id)))
    .get();
  if (!own) return null;
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(requestMessages).values({ id, requestId, authorId: user.id, body: input.body, createdAt: now }),
    notifyAdminsStatement(
      db,
      {
        kind: 'request_message',
        title: `${user.name} sent a message on “${own.title}”`,
        body: input.body.slice(0, 200),
        link: `/admin/requests/${requestId}`
      },
      now
    ),
    auditStatement(db, {
      actorId: user.id,
      action: 'request.message_sent',
      entityType: 'request',
      entityId: requestId,
      after: { messageId: id }
    }),
    helpdeskRequestMessage(db, { requestId, messageId: id, author: user.name, body: input.body }, now)
  ]);
  return { id };
}

export type CancelResult =
  | { ok: true; status: 'cancelled' }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'not_cancellable'; status: RequestStatus };

/**
 * Cancel while pending or approved (seed 000). A compare-and-set on the status the user saw: when a
 * reviewer changes the request at the same moment, exactly one of the two writes matches the row.
 * The event and audit rows are chained on `changes() = 1` in the same batch, so a lost race writes
 * nothing at all.
 */
export async function cancelRequestForUser(
  db: TenantDb,
  userId: string,
  requestId: string,
  now = Date.now()
): Promise<CancelResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db
      .select({ status: requests.status })
      .from(requests)
      .where(and(eq(requests.id, requestId), eq(requests.userId, userId)))
      .get();
    if (!current) return { ok: false, code: 'not_found' };
    if (!(CANCELLABLE_STATUSES as readonly string[]).includes(current.status)) {
      return { ok: false, code: 'not_cancellable', status: current.status };
    }
    const from = current.status;
    const [updated] = await db.batch([
      db
        .update(requests)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(requests.id, requestId), eq(requests.userId, userId), eq(requests.status, from)))
        .returning({ id: requests.id }),
      // Both rows are written only if the UPDATE just before matched (changes() = 1), in the same batch.
      db.insert(requestEvents).select(sql`
        SELECT ${crypto.randomUUID()}, ${requestId}, ${from}, 'cancelled', ${userId}, NULL, ${now} WHERE changes() = 1`),
      auditStatementIfChanged(db, {
        actorId: userId,
        action: 'request.cancelled',
        entityType: 'request',
        entityId: requestId,
        before: { status: from },
        after: { status: 'cancelled' }
      }),
      webhookEventStatement(
        db,
        'request.cancelled',
        { request: { id: requestId, status: 'cancelled', previousStatus: from }, requester: { id: userId } },
        { now, onlyIfChanged: true }
      ),
      helpdeskRequestStatus(db, { requestId, from, to: 'cancelled', by: 'the requester', reason: null }, now)
    ]);
    if (updated.length === 1) return { ok: true, status: 'cancelled' };
    // Someone changed the status between our read and our write: look again and decide on the new status.
  }
  const latest = await db
    .select({ status: requests.status })
    .from(requests)
    .where(and(eq(requests.id, requestId), eq(requests.userId, userId)))
    .get();
  return latest
    ? { ok: false, code: 'not_cancellable', status: latest.status }
    : { ok: false, code: 'not_found' };
}
