// The outbox handler of the 'helpdesk' channel: delivers one change (helpdesk/enqueue.ts) to the
// connected help desk. Every change first makes sure the ticket exists (found by its reference, else
// created), so a reply never goes nowhere and a request whose ticket was never created (the help desk
// was connected later) gets one. What we write is remembered (helpdesk_changes, origin 'ours') so the
// inbound sync never reads it back as news.
import { eq } from 'drizzle-orm';
import * as z from 'zod';
import type { TenantDb } from '../db';
import { helpdeskChanges, helpdeskConnection } from '../db/tenant-schema';
import type { DeliveryOutcome, OutboxChange, OutboxHandler } from '../outbox';
import { HelpdeskError, type Written } from './connector';
import { activeHelpdesk, type ActiveHelpdesk } from './connection';
import { referenceOf, ticketDraft } from './drafts';
import { changeKey, linkOf, saveLink, setLinkStatus, type HelpdeskLink, type LinkedEntity } from './links';

const id = z.string().min(1).max(100);
const PAYLOADS = {
  'request.created': z.object({ requestId: id }),
  'request.message': z.object({ requestId: id, messageId: id, author: z.string(), body: z.string() }),
  'request.status': z.object({
    requestId: id,
    from: z.string(),
    to: z.string(),
    by: z.string(),
    reason: z.string().nullable()
  }),
  'maintenance.created': z.object({ recordId: id }),
  'maintenance.note': z.object({ recordId: id, noteId: id, author: z.string(), body: z.string() }),
  'maintenance.status': z.object({
    recordId: id,
    from: z.string(),
    to: z.string(),
    by: z.string(),
    resolution: z.string().nullable()
  })
} as const;
type EventType = keyof typeof PAYLOADS;

interface Ctx {
  db: TenantDb;
  slug: string;
  now: number;
  hd: ActiveHelpdesk;
}

async function remember(db: TenantDb, source: string, written: Written, now: number) {
  if (!written.changeId) return;
  await db
    .insert(helpdeskChanges)
    .values({ changeId: changeKey(source, written.changeId), origin: 'ours', createdAt: now })
    .onConflictDoNothing();
}

/** The entity's ticket link: linked already, found by reference, or created now. Null if the entity is gone. */
async function ensureTicket(ctx: Ctx, entity: LinkedEntity, entityId: string): Promise<HelpdeskLink | null> {
  const link = await linkOf(ctx.db, ctx.hd.row.baseUrl, entity, entityId);
  if (link) return link;
  const { connector, map, row } = ctx.hd;
  const found = await connector.findTicketByReference(referenceOf(ctx.slug, entity, entityId));
  let ticket = found;
  let status: string | null = null;
  if (!ticket) {
    const built = await ticketDraft(ctx.db, entity, entityId, {
      slug: ctx.slug,
      origin: row.publicOrigin,
      map
    });
    if (!built) return null;
    const created = await connector.createTicket(built.draft);
    ticket = created;
    status = built.draft.status;
    // Created late (after an approval, say): bring it to the current status at once.
    if (built.currentStatus !== built.draft.status) {
      await connector.setStatus(created.id, built.currentStatus);
      status = built.currentStatus;
    }
  }
  if (!row.integrationUser) {
    // The account our token acts as: its own transactions are skipped by the inbound sync.
    const me = await connector.creatorOfTicket(ticket.id);
    await ctx.db.update(helpdeskConnection).set({ integrationUser: me }).where(eq(helpdeskConnection.id, 1));
    row.integrationUser = me;
  }
  await saveLink(ctx.db, row.baseUrl, entity, entityId, ticket, status, ctx.now);
  return (await linkOf(ctx.db, row.baseUrl, entity, entityId)) ?? null;
}

async function setStatus(ctx: Ctx, link: HelpdeskLink, status: string) {
  await ctx.hd.connector.setStatus(link.ticketId, status);
  await setLinkStatus(ctx.db, link, status);
}

async function apply(ctx: Ctx, type: EventType, payload: unknown): Promise<DeliveryOutcome> {
  const { connector, map } = ctx.hd;
  const entity: LinkedEntity = type.startsWith('request.') ? 'request' : 'maintenance';
  const p = PAYLOADS[type].parse(payload) as Record<string, string | null>;
  const entityId = (p.requestId ?? p.recordId)!;
  const link = await ensureTicket(ctx, entity, entityId);
  if (!link)
    return {
      kind: 'skipped',
      reason: `The ${entity === 'request' ? 'request' : 'problem report'} no longer exists.`
    };
  switch (type) {
    case 'request.created':
    case 'maintenance.created':
      break;
    case 'request.message':
    case 'maintenance.note':
      await remember(
        ctx.db,
        link.source,
        await connector.addPublicReply(link.ticketId, `${p.author} wrote in OnTrackio:\n\n${p.body}`),
        ctx.now
      );
      break;
    case 'request.status': {
      await setStatus(ctx, link, map.request[p.to as keyof typeof map.request] ?? String(p.to));
      if (p.reason)
        await remember(
          ctx.db,
          link.source,
          await connector.addInternalNote(
            link.ticketId,
            `${label(String(p.to))} in OnTrackio by ${p.by}: ${p.reason}`
          ),
          ctx.now
        );
      break;
    }
    case 'maintenance.status': {
      await setStatus(ctx, link, map.maintenance[p.to as keyof typeof map.maintenance] ?? String(p.to));
      if (p.resolution && p.to === 'resolved')
        await remember(
          ctx.db,
          link.source,
          await connector.addInternalNote(link.ticketId, `Resolved in OnTrackio by ${p.by}: ${p.resolution}`),
          ctx.now
        );
      break;
    }
  }
  return { kind: 'delivered' };
}

const label = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);

export const helpdeskOutboxHandler: OutboxHandler = {
  async deliver(change: OutboxChange, { env, db, slug, now }): Promise<DeliveryOutcome> {
    if (!(change.eventType in PAYLOADS))
      return { kind: 'failed', error: `Unknown change “${change.eventType}”.` };
    if (!PAYLOADS[change.eventType as EventType].safeParse(change.payload).success)
      return { kind: 'failed', error: 'The change’s data is unreadable.' };
    const hd = await activeHelpdesk(env, db);
    if (!hd) return { kind: 'skipped', reason: 'The help desk was disconnected.' };
    try {
      return await apply({ db, slug, now, hd }, change.eventType as EventType, change.payload);
    } catch (e) {
      if (!(e instanceof HelpdeskError)) throw e;
      return e.transient
        ? { kind: 'retry', error: e.message, retryAfterMs: e.retryAfterMs }
        : { kind: 'failed', error: e.message };
    }
  }
};
