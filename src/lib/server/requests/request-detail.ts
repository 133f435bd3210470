// One request with its status timeline and message thread: the reads shared by Admin › Requests
// (scope: the whole workspace) and My requests (scope: the requester's own). The caller passes the
// scope as a WHERE condition on `requests`; every query here joins `requests` and applies it, so a
// request outside the scope yields no row, no events and no messages.
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TenantDb } from '../db';
import {
  hardwareCategories,
  requestEvents,
  requestMessages,
  requests,
  softwareProducts,
  users
} from '../db/tenant-schema';
import { aliased } from '../db/aliased';

type RequestStatus = (typeof requests.$inferSelect)['status'];

export interface RequestTimelineEntry {
  status: RequestStatus;
  from: RequestStatus | null;
  at: number;
  by: string | null;
  note: string | null;
}

export interface RequestMessageRow {
  id: string;
  author: string;
  authorId: string | null;
  body: string;
  at: number;
}

/** Reads the request (every column either view may show), its events and its messages in one batch. */
export async function loadRequestDetail(db: TenantDb, scope: SQL | undefined) {
  const actor = alias(users, 'actor');
  const decider = alias(users, 'decider');
  const [rows, events, messages] = await db.batch([
    db
      .select({
        id: requests.id,
        title: requests.title,
        type: requests.type,
        urgency: requests.urgency,
        status: requests.status,
        // Aliased: inside db.batch same-named columns (id, name) would overwrite each other (db/aliased.ts).
        requester: aliased(users.name, 'requester_name'),
        requesterId: aliased(users.id, 'requester_id'),
        requesterEmail: users.email,
        createdAt: requests.createdAt,
        updatedAt: requests.updatedAt,
        justification: requests.justification,
        category: aliased(hardwareCategories.name, 'category_name'),
        software: aliased(softwareProducts.name, 'software_name'),
        specificModel: requests.specificModel,
        estimatedCostCents: requests.estimatedCostCents,
        decisionReason: requests.decisionReason,
        decidedBy: aliased(decider.name, 'decider_name'),
        decidedAt: requests.decidedAt
      })
      .from(requests)
      .innerJoin(users, eq(users.id, requests.userId))
      .leftJoin(decider, eq(decider.id, requests.decidedBy))
      .leftJoin(hardwareCategories, eq(hardwareCategories.id, requests.categoryId))
      .leftJoin(softwareProducts, eq(softwareProducts.id, requests.softwareId))
      .where(scope),
    db
      .select({
        status: requestEvents.toStatus,
        from: requestEvents.fromStatus,
        at: requestEvents.createdAt,
        by: actor.name,
        note: requestEvents.note
      })
      .from(requestEvents)
      .innerJoin(requests, eq(requests.id, requestEvents.requestId))
      .leftJoin(actor, eq(actor.id, requestEvents.actorId))
      .where(scope)
      .orderBy(asc(requestEvents.createdAt), asc(sql`${requestEvents}.rowid`)),
    db
      .select({
        id: requestMessages.id,
        // A reply from the help desk has no OnTrackio author, only the agent's label (helpdesk/inbound.ts).
        author: sql<string>`coalesce(${actor.name}, ${requestMessages.authorLabel}, '')`.as('author_name'),
        authorId: requestMessages.authorId,
        body: requestMessages.body,
        at: requestMessages.createdAt
      })
      .from(requestMessages)
      .innerJoin(requests, eq(requests.id, requestMessages.requestId))
      .leftJoin(actor, eq(actor.id, requestMessages.authorId))
      .where(scope)
      .orderBy(asc(requestMessages.createdAt), asc(sql`${requestMessages}.rowid`))
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    row,
    timeline: events satisfies RequestTimelineEntry[],
    messages: messages satisfies RequestMessageRow[]
  };
}
