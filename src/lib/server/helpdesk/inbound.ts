// The inbound sync: read what happened in the help desk since the cursor and apply it. Run by the
// workspace's HelpdeskSync Durable Object, nudged by the help desk's webhook and by the 2-minute cron,
// so a lost webhook delays a reply but never loses it. The webhook's content is never trusted: only
// the help desk's own history is read.
// No echo: changes by the integration account (what OnTrackio wrote), and change ids OnTrackio
// remembered writing (helpdesk_changes origin 'ours'), are skipped; status writes that change nothing
// are not made in the first place (connector.setStatus).
import { eq, inArray } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { helpdeskChanges, helpdeskConnection } from '../db/tenant-schema';
import { HelpdeskError, type TicketChange } from './connector';
import { activeHelpdesk, type ActiveHelpdesk, type HelpdeskEnv } from './connection';
import { changeKey, linksOfTickets, type HelpdeskLink } from './links';
import { applyReply, applyStatus, settleOnly } from './inbound-apply';

/** Pages read per pull (100 changes each); the next pull continues from the cursor. */
const MAX_PAGES = 20;

/**
 * A public reply younger than this whose text is not there yet is read again later, not settled as
 * empty: RT stores a transaction before its content, and a pull (nudged by another change) can fall
 * between the two. The reply's own webhook, sent after its content is stored, nudges the next pull.
 * Older and still without text (an attachment-only reply), it is settled and logged.
 */
export const UNFINISHED_REPLY_GRACE_MS = 120_000;

/** The help desk's timestamp in ms (ISO 8601, or RT's "YYYY-MM-DD HH:MM:SS" in UTC); NaN if unreadable. */
function changeTime(at: string): number {
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(at) ? `${at.replace(' ', 'T')}Z` : at;
  return Date.parse(iso);
}

export interface PullResult {
  applied: number;
  skipped: number;
  cursor: string;
  error?: string;
}

export async function pullHelpdeskChanges(
  env: HelpdeskEnv,
  db: TenantDb,
  clock: () => number = Date.now
): Promise<PullResult | null> {
  const hd = await activeHelpdesk(env, db);
  if (!hd) return null;
  const result: PullResult = { applied: 0, skipped: 0, cursor: hd.row.cursor ?? '0' };
  const names = new Map<string, string>();
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const read = await hd.connector.listChangesSince(result.cursor);
      const unfinished = await applyPage(db, hd, read.changes, names, clock, result);
      // Stopped at a reply still being written: everything before it is applied (and claimed), and
      // the cursor stops just before it, so the next pull reads it (and what follows) again.
      const cursor = unfinished ? hd.connector.cursorBefore(unfinished) : read.cursor;
      result.cursor = cursor;
      await db
        .update(helpdeskConnection)
        .set({ cursor, lastSyncAt: clock(), lastSyncError: null })
        .where(eq(helpdeskConnection.id, 1));
      if (unfinished) {
        console.log(
          JSON.stringify({
            event: 'helpdesk.reply_unfinished',
            changeId: unfinished.id,
            ticketId: unfinished.ticketId
          })
        );
        break;
      }
      if (!read.more) break;
    }
  } catch (e) {
    if (!(e instanceof HelpdeskError)) throw e;
    result.error = e.message;
    await db.update(helpdeskConnection).set({ lastSyncError: e.message }).where(eq(helpdeskConnection.id, 1));
    console.error(JSON.stringify({ event: 'helpdesk.pull_failed', error: e.message }));
  }
  return result;
}

/** Applies a page in order; returns the first reply whose text is not stored yet (the rest wait), or null. */
async function applyPage(
  db: TenantDb,
  hd: ActiveHelpdesk,
  changes: TicketChange[],
  names: Map<string, string>,
  clock: () => number,
  result: PullResult
): Promise<TicketChange | null> {
  if (changes.length === 0) return null;
  const links = new Map<string, HelpdeskLink>();
  for (const l of await linksOfTickets(db, hd.row.baseUrl, [...new Set(changes.map((c) => c.ticketId))]))
    links.set(l.ticketId, l);
  const settled = new Set(
    (
      await db
        .select({ id: helpdeskChanges.changeId })
        .from(helpdeskChanges)
        .where(
          inArray(
            helpdeskChanges.changeId,
            changes.map((c) => changeKey(hd.row.baseUrl, c.id))
          )
        )
    ).map((r) => r.id)
  );
  const ignoredTickets = new Set<string>();
  for (const change of changes) {
    const link = links.get(change.ticketId);
    const ours = !!hd.row.integrationUser && change.authorId === hd.row.integrationUser;
    if (!link) {
      if (!ignoredTickets.has(change.ticketId))
        console.log(
          JSON.stringify({
            event: 'helpdesk.ticket_ignored',
            ticketId: change.ticketId,
            reason: 'no OnTrackio reference of this workspace'
          })
        );
      ignoredTickets.add(change.ticketId);
      result.skipped++;
      continue;
    }
    if (ours || settled.has(changeKey(hd.row.baseUrl, change.id))) {
      result.skipped++;
      continue;
    }
    const now = clock();
    if (change.kind === 'internal_note') {
      await settleOnly(db, hd.row.baseUrl, change.id, now);
      result.skipped++;
    } else if (change.kind === 'public_reply') {
      const body = (await hd.connector.changeBody(change)).trim();
      if (!body) {
        if (now - changeTime(change.at) < UNFINISHED_REPLY_GRACE_MS) return change;
        console.log(JSON.stringify({ event: 'helpdesk.reply_without_text', changeId: change.id }));
        await settleOnly(db, hd.row.baseUrl, change.id, now);
        result.skipped++;
        continue;
      }
      let name = names.get(change.authorId);
      if (name === undefined) {
        name = await hd.connector.authorName(change.authorId);
        names.set(change.authorId, name);
      }
      await applyReply(db, link, change, name, body, now);
      result.applied++;
    } else if (change.kind === 'status') {
      await applyStatus(db, link, change, hd.map, now);
      result.applied++;
    }
  }
  return null;
}
