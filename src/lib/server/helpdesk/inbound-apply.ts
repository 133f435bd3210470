// Applying one help-desk change to OnTrackio. Each effect is one batch that first claims the change id
// (INSERT OR IGNORE into helpdesk_changes) and chains every write on that claim (changes() = 1), so a
// change is applied once even if two pulls read it. Rules (issue 13):
// - a public reply becomes a message the requester sees (notified per their preferences); on a problem
//   report it becomes a note the reporter sees;
// - an internal note is never shown;
// - a status is shown to admins on the request; a "fulfils" status fulfils an APPROVED request (OnTrackio
//   owns pending / approved / rejected / cancelled, and terminal states stay terminal); a status no
//   mapping covers is recorded for the settings page and logged.
import { and, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  helpdeskChanges,
  helpdeskUnmappedStatuses,
  maintenanceRecords,
  requestEvents,
  requestMessages,
  requests
} from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { appendNoteSql } from '../maintenance/notes';
import type { TicketChange } from './connector';
import type { HelpdeskLink } from './links';
import { changeKey, setLinkStatus } from './links';
import { inboundMeaning } from './status-map';
import type { StatusMap } from '../../contracts/helpdesk';

export const HELPDESK_ACTOR_LABEL = 'Help desk';

const claim = (db: TenantDb, source: string, changeId: string, now: number) =>
  db
    .insert(helpdeskChanges)
    .values({ changeId: changeKey(source, changeId), origin: 'theirs', createdAt: now })
    .onConflictDoNothing();

export async function applyReply(
  db: TenantDb,
  link: HelpdeskLink,
  change: TicketChange,
  author: string,
  body: string,
  now: number
): Promise<void> {
  const label = `${author} (IT help desk)`;
  if (link.entityType === 'request') {
    const req = await db
      .select({ title: requests.title, userId: requests.userId })
      .from(requests)
      .where(eq(requests.id, link.entityId))
      .get();
    if (!req) return;
    const messageId = crypto.randomUUID();
    await db.batch([
      claim(db, link.source, change.id, now),
      // Column order of request_messages: id, request_id, author_id, author_label, external_id, body, created_at.
      db.insert(requestMessages).select(sql`
        SELECT ${messageId}, ${link.entityId}, NULL, ${label}, ${`helpdesk:${changeKey(link.source, change.id)}`}, ${body}, ${now} WHERE changes() = 1`),
      auditStatementIfChanged(db, {
        actorId: null,
        actorLabel: HELPDESK_ACTOR_LABEL,
        action: 'request.message_received',
        entityType: 'request',
        entityId: link.entityId,
        after: { messageId, ticketId: link.ticketId, changeId: change.id, author }
      }),
      notifyUserStatement(
        db,
        req.userId,
        'request',
        {
          kind: 'request_message',
          title: `${author} replied on “${req.title}”`,
          body: body.slice(0, 200),
          link: `/my/requests/${link.entityId}`
        },
        now,
        true
      )
    ]);
    return;
  }
  const rec = await db
    .select({ reportedBy: maintenanceRecords.reportedBy, assetId: maintenanceRecords.assetId })
    .from(maintenanceRecords)
    .where(eq(maintenanceRecords.id, link.entityId))
    .get();
  if (!rec) return;
  const note = { id: crypto.randomUUID(), at: now, by: null, author: label, body };
  await db.batch([
    claim(db, link.source, change.id, now),
    db
      .update(maintenanceRecords)
      .set({ notes: appendNoteSql(note), updatedAt: sql`max(${now}, ${maintenanceRecords.updatedAt} + 1)` })
      .where(and(eq(maintenanceRecords.id, link.entityId), sql`changes() = 1`)),
    auditStatementIfChanged(db, {
      actorId: null,
      actorLabel: HELPDESK_ACTOR_LABEL,
      action: 'maintenance.note_received',
      entityType: 'maintenance_record',
      entityId: link.entityId,
      after: { noteId: note.id, ticketId: link.ticketId, changeId: change.id, author }
    }),
    notifyUserStatement(
      db,
      rec.reportedBy,
      'request',
      {
        kind: 'maintenance_note',
        title: `${author} replied on your problem report`,
        body: body.slice(0, 200),
        link: `/my/hardware/${rec.assetId}`
      },
      now,
      true
    )
  ]);
}

/** An internal note, or a reply with no text: settled, never shown. */
export async function settleOnly(db: TenantDb, source: string, changeId: string, now: number): Promise<void> {
  await claim(db, source, changeId, now);
}

export async function applyStatus(
  db: TenantDb,
  link: HelpdeskLink,
  change: Extract<TicketChange, { kind: 'status' }>,
  map: StatusMap,
  now: number
): Promise<'fulfilled' | 'shown' | 'unmapped' | 'kept'> {
  await setLinkStatus(db, link, change.to);
  const meaning = inboundMeaning(map, change.to);
  if (meaning === 'unmapped') {
    await db.batch([
      claim(db, link.source, change.id, now),
      db
        .insert(helpdeskUnmappedStatuses)
        .values({ status: change.to, ticketId: link.ticketId, seen: 1, firstSeenAt: now, lastSeenAt: now })
        .onConflictDoUpdate({
          target: helpdeskUnmappedStatuses.status,
          set: { ticketId: link.ticketId, seen: sql`${helpdeskUnmappedStatuses.seen} + 1`, lastSeenAt: now }
        })
    ]);
    console.warn(
      JSON.stringify({ event: 'helpdesk.status_unmapped', status: change.to, ticketId: link.ticketId })
    );
    return 'unmapped';
  }
  if (meaning !== 'fulfils' || link.entityType !== 'request') {
    await claim(db, link.source, change.id, now);
    return 'shown';
  }
  const req = await db
    .select({ title: requests.title, userId: requests.userId })
    .from(requests)
    .where(eq(requests.id, link.entityId))
    .get();
  if (!req) return 'kept';
  const [, updated] = await db.batch([
    claim(db, link.source, change.id, now),
    db
      .update(requests)
      .set({ status: 'fulfilled', updatedAt: now })
      .where(and(eq(requests.id, link.entityId), eq(requests.status, 'approved'), sql`changes() = 1`))
      .returning({ id: requests.id }),
    db.insert(requestEvents).select(sql`
      SELECT ${crypto.randomUUID()}, ${link.entityId}, 'approved', 'fulfilled', NULL, ${`Resolved in the help desk (ticket #${link.ticketId})`}, ${now} WHERE changes() = 1`),
    auditStatementIfChanged(db, {
      actorId: null,
      actorLabel: HELPDESK_ACTOR_LABEL,
      action: 'request.fulfilled',
      entityType: 'request',
      entityId: link.entityId,
      before: { status: 'approved' },
      after: { status: 'fulfilled', ticketId: link.ticketId, changeId: change.id }
    }),
    notifyUserStatement(
      db,
      req.userId,
      'request',
      {
        kind: 'request_fulfilled',
        title: `Your request “${req.title}” was fulfilled`,
        link: `/my/requests/${link.entityId}`
      },
      now,
      true
    )
  ]);
  if (updated.length === 1) return 'fulfilled';
  console.log(
    JSON.stringify({
      event: 'helpdesk.status_kept',
      status: change.to,
      ticketId: link.ticketId,
      reason: 'the request is not approved'
    })
  );
  return 'kept';
}
