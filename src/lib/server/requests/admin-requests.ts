// The admin request queue (issue 6): every request in the workspace (one database = one workspace, so
// "ForWorkspace" scope is the whole tenant DB). Every change takes the actor and enforces
// 'admin.requests' itself (authz/actor.ts actorCan); its audit row names the actor.
// Decisions are compare-and-set UPDATEs on the status the decision starts from: of two concurrent
// decisions exactly one matches the row; the loser's batch writes no event, audit or notification.
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { requestEvents, requestMessages, requests, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { helpdeskRequestMessage, helpdeskRequestStatus } from '../helpdesk/enqueue';
import { PAGE_SIZE, type Paged, type RequestMessageInput } from '../../contracts/my';
import type { RequestDecision, RequestDecisionInput, RequestQueueQuery } from '../../contracts/admin';
import { pageOf } from '../paging';
import { loadRequestDetail, type RequestTimelineEntry } from './request-detail';
import { actorRefOf, webhookEventStatement } from '../webhooks/events';
import {
  actorCan,
  auditActorOf,
  FORBIDDEN,
  personIdOf,
  type Actor,
  type UserActor,
  type Forbidden
} from '../authz/actor';

type RequestStatus = (typeof requests.$inferSelect)['status'];

export const CHANGED_MESSAGE = 'This request changed while you were looking at it';

/** Which status each decision starts from and leads to. */
const TRANSITIONS: Record<RequestDecision, { from: RequestStatus; to: RequestStatus; verb: string }> = {
  approve: { from: 'pending', to: 'approved', verb: 'approved' },
  reject: { from: 'pending', to: 'rejected', verb: 'rejected' },
  fulfil: { from: 'approved', to: 'fulfilled', verb: 'fulfilled' }
};

export interface QueueRow {
  id: string;
  title: string;
  type: string;
  urgency: string;
  status: RequestStatus;
  requester: string;
  createdAt: number;
  updatedAt: number;
}

export async function listRequestsForWorkspace(db: TenantDb, q: RequestQueueQuery): Promise<Paged<QueueRow>> {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(requests.status, q.status));
  if (q.type) conds.push(eq(requests.type, q.type));
  if (q.urgency) conds.push(eq(requests.urgency, q.urgency));
  const where = conds.length ? and(...conds) : undefined;
  const page = q.page ?? 1;
  const [rows, total] = await db.batch([
    db
      .select({
        id: requests.id,
        title: requests.title,
        type: requests.type,
        urgency: requests.urgency,
        status: requests.status,
        requester: users.name,
        createdAt: requests.createdAt,
        updatedAt: requests.updatedAt
      })
      .from(requests)
      .innerJoin(users, eq(users.id, requests.userId))
      .where(where)
      // Pending first, then most urgent, then oldest: the order IT works through the queue.
      .orderBy(
        sql`CASE ${requests.status} WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END`,
        sql`CASE ${requests.urgency} WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
        desc(requests.createdAt)
      )
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(requests).where(where)
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

export interface AdminRequestDetail extends QueueRow {
  requesterId: string;
  requesterEmail: string;
  justification: string;
  category: string | null;
  software: string | null;
  specificModel: string | null;
  estimatedCostCents: number | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  allowed: RequestDecision[];
  timeline: RequestTimelineEntry[];
  messages: { id: string; author: string; fromRequester: boolean; body: string; at: number }[];
}

export async function getRequestForWorkspace(
  db: TenantDb,
  requestId: string
): Promise<AdminRequestDetail | null> {
  const detail = await loadRequestDetail(db, eq(requests.id, requestId));
  if (!detail) return null;
  const { row } = detail;
  const allowed = (Object.keys(TRANSITIONS) as RequestDecision[]).filter(
    (d) => TRANSITIONS[d].from === row.status
  );
  return {
    ...row,
    allowed,
    timeline: detail.timeline,
    messages: detail.messages.map(({ authorId, ...m }) => ({
      ...m,
      fromRequester: authorId === row.requesterId
    }))
  };
}

export type DecisionResult =
  | { ok: true; status: RequestStatus }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'conflict'; status: RequestStatus; message: string }
  | Forbidden;

/**
 * Approve / reject (with a reason) / mark fulfilled. One batch: the conditional UPDATE, then the event,
 * audit and notification rows, each written only if the statement before it changed one row.
 */
export async function decideRequestForWorkspace(
  db: TenantDb,
  actor: Actor,
  requestId: string,
  input: RequestDecisionInput,
  now = Date.now()
): Promise<DecisionResult> {
  if (!actorCan(actor, 'admin.requests')) return FORBIDDEN;
  const t = TRANSITIONS[input.decision];
  const current = await db
    .select({ userId: requests.userId, title: requests.title, status: requests.status })
    .from(requests)
    .where(eq(requests.id, requestId))
    .get();
  if (!current) return { ok: false, code: 'not_found' };
  const reason = input.reason ?? null;
  const eventId = crypto.randomUUID();
  const [updated] = await db.batch([
    db
      .update(requests)
      .set({
        status: t.to,
        updatedAt: now,
        ...(input.decision === 'fulfil'
          ? {}
          : { decidedBy: personIdOf(actor), decidedAt: now, decisionReason: reason })
      })
      .where(and(eq(requests.id, requestId), eq(requests.status, t.from)))
      .returning({ id: requests.id }),
    db.insert(requestEvents).select(sql`
      SELECT ${eventId}, ${requestId}, ${t.from}, ${t.to}, ${personIdOf(actor)}, ${reason}, ${now} WHERE changes() = 1`),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: `request.${t.to}`,
      entityType: 'request',
      entityId: requestId,
      before: { status: t.from },
      after: { status: t.to, ...(reason ? { reason } : {}) }
    }),
    notifyUserStatement(
      db,
      current.userId,
      'request',
      {
        kind: `request_${t.to}`,
        title: `Your request “${current.title}” was ${t.verb}`,
        body: reason,
        link: `/my/requests/${requestId}`
      },
      now,
      true
    ),
    // Last in the batch; guarded by this batch's own status event.
    webhookEventStatement(
      db,
      'request.updated',
      {
        request: { id: requestId, title: current.title, status: t.to, previousStatus: t.from, reason },
        requester: { id: current.userId },
        decidedBy: actorRefOf(actor)
      },
      { now, onlyIf: sql`EXISTS (SELECT 1 FROM request_events WHERE id = ${eventId})` }
    ),
    helpdeskRequestStatus(db, { requestId, from: t.from, to: t.to, by: actorRefOf(actor).name, reason }, now)
  ]);
  if (updated.length === 1) return { ok: true, status: t.to };
  const latest = await db
    .select({ status: requests.status })
    .from(requests)
    .where(eq(requests.id, requestId))
    .get();
  if (!latest) return { ok: false, code: 'not_found' };
  return {
    ok: false,
    code: 'conflict',
    status: latest.status,
    message: decisionRefusal(input.decision, latest.status)
  };
}

function decisionRefusal(decision: RequestDecision, now: RequestStatus): string {
  // Only "mark fulfilled" on a still-pending request is a plain wrong move; every other miss means
  // someone (another admin, or the requester cancelling) decided first.
  if (decision === 'fulfil' && now === 'pending')
    return 'This request is still pending: approve it before marking it fulfilled.';
  return `${CHANGED_MESSAGE}: it is now ${now}. Reload to see the latest.`;
}

export type MessageResult = { ok: true; id: string } | { ok: false; code: 'not_found' } | Forbidden;

/**
 * An administrator writes to the requester in the request's thread; the requester is notified. A
 * message has a person as its author (request_messages.author_id), hence a `UserActor`.
 */
export async function addMessageForWorkspace(
  db: TenantDb,
  actor: UserActor,
  requestId: string,
  input: RequestMessageInput,
  now = Date.now()
): Promise<MessageResult> {
  if (!actorCan(actor, 'admin.requests')) return FORBIDDEN;
  const req = await db
    .select({ title: requests.title, userId: requests.userId })
    .from(requests)
    .where(eq(requests.id, requestId))
    .get();
  if (!req) return { ok: false, code: 'not_found' };
  const id = crypto.randomUUID();
  await db.batch([
    db
      .insert(requestMessages)
      .values({ id, requestId, authorId: actor.userId, body: input.body, createdAt: now }),
    notifyUserStatement(
      db,
      req.userId,
      'request',
      {
        kind: 'request_message',
        title: `${actor.name} replied on “${req.title}”`,
        body: input.body.slice(0, 200),
        link: `/my/requests/${requestId}`
      },
      now
    ),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'request.message_sent',
      entityType: 'request',
      entityId: requestId,
      after: { messageId: id }
    }),
    helpdeskRequestMessage(db, { requestId, messageId: id, author: actor.name, body: input.body }, now)
  ]);
  return { ok: true, id };
}
