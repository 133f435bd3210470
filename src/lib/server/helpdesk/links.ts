// Which ticket a request or problem report is, per help desk (`source` = the help desk's address:
// ticket numbers are unique only within one help desk). Written once by the outbound sync when the
// ticket is found or created; read by the admin pages and by the inbound sync (ticket → entity).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { helpdeskConnection, helpdeskLinks, HELPDESK_ENTITY_TYPES } from '../db/tenant-schema';

export type LinkedEntity = (typeof HELPDESK_ENTITY_TYPES)[number];
export type HelpdeskLink = typeof helpdeskLinks.$inferSelect;

export interface TicketBadge {
  ticketId: string;
  url: string;
  helpdeskStatus: string | null;
}

/**
 * For an admin page: the ticket in the help desk connected now (or, once disconnected, the one it was
 * last connected to), or null.
 */
export async function helpdeskTicketForWorkspace(
  db: TenantDb,
  entityType: LinkedEntity,
  entityId: string
): Promise<TicketBadge | null> {
  const row = await db
    .select({
      ticketId: helpdeskLinks.ticketId,
      url: helpdeskLinks.ticketUrl,
      helpdeskStatus: helpdeskLinks.helpdeskStatus
    })
    .from(helpdeskLinks)
    .where(and(eq(helpdeskLinks.entityType, entityType), eq(helpdeskLinks.entityId, entityId)))
    .orderBy(
      desc(
        sql`${helpdeskLinks.source} = (SELECT ${helpdeskConnection.baseUrl} FROM ${helpdeskConnection} WHERE ${helpdeskConnection.id} = 1)`
      ),
      desc(helpdeskLinks.createdAt)
    )
    .limit(1)
    .get();
  return row ?? null;
}

export function linkOf(db: TenantDb, source: string, entityType: LinkedEntity, entityId: string) {
  return db
    .select()
    .from(helpdeskLinks)
    .where(
      and(
        eq(helpdeskLinks.source, source),
        eq(helpdeskLinks.entityType, entityType),
        eq(helpdeskLinks.entityId, entityId)
      )
    )
    .get();
}

export function linksOfTickets(db: TenantDb, source: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([] as HelpdeskLink[]);
  return db
    .select()
    .from(helpdeskLinks)
    .where(and(eq(helpdeskLinks.source, source), inArray(helpdeskLinks.ticketId, ticketIds)))
    .all();
}

/** Records the link; a second writer for the same entity keeps the first link (the ticket is the same). */
export async function saveLink(
  db: TenantDb,
  source: string,
  entityType: LinkedEntity,
  entityId: string,
  ticket: { id: string; url: string },
  helpdeskStatus: string | null,
  now: number
): Promise<void> {
  await db
    .insert(helpdeskLinks)
    .values({
      source,
      entityType,
      entityId,
      ticketId: ticket.id,
      ticketUrl: ticket.url,
      helpdeskStatus,
      createdAt: now
    })
    .onConflictDoNothing();
}

export async function setLinkStatus(db: TenantDb, link: HelpdeskLink, status: string) {
  await db
    .update(helpdeskLinks)
    .set({ helpdeskStatus: status })
    .where(
      and(
        eq(helpdeskLinks.source, link.source),
        eq(helpdeskLinks.entityType, link.entityType),
        eq(helpdeskLinks.entityId, link.entityId)
      )
    );
}

/**
 * How a help-desk change is remembered (helpdesk_changes, request_messages.external_id): its id within
 * its help desk. Ids are only unique per help desk (RT's transaction ids restart in another RT), so a
 * workspace that connects another help desk never takes that one's changes for ones it has seen.
 */
export const changeKey = (source: string, changeId: string) => `${source}#${changeId}`;
