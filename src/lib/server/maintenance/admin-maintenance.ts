// Admin › Maintenance (issue 6 item 7): the records employees open with "Report a problem".
// One database = one workspace, so "ForWorkspace" is the whole tenant DB. Reading the list and a
// record is in maintenance-list.ts. Every change takes the actor and enforces 'admin.inventory'
// itself (authz/actor.ts). Every change is a compare-and-set UPDATE on the status AND the
// version (updated_at) the admin saw; the audit row and the reporter's notification are chained on
// changes() = 1 in the same batch, so a lost race writes nothing and the loser is told what changed.
// The asset's own status is left alone: an assigned device stays "assigned" (admin-hardware's rule);
// if it leaves the person for repair, IT unassigns it and sets "In repair" on the Hardware page.
import { and, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets, hardwareModels, maintenanceRecords } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { helpdeskMaintenanceNote, helpdeskMaintenanceStatus } from '../helpdesk/enqueue';
import {
  MAINTENANCE_STATUS_LABELS,
  MAINTENANCE_TRANSITIONS,
  type MaintenanceNoteInput,
  type MaintenanceStatus,
  type MaintenanceStatusInput
} from '../../contracts/maintenance';
import { appendNoteSql, type MaintenanceNote } from './notes';
import { actorRefOf, webhookEventStatement } from '../webhooks/events';
import {
  actorCan,
  auditActorOf,
  displayNameOf,
  FORBIDDEN,
  personIdOf,
  type Actor,
  type Forbidden
} from '../authz/actor';

export const MAINTENANCE_CHANGED = 'This problem report changed while you were looking at it';

export type MaintenanceChangeResult =
  | { ok: true; status: MaintenanceStatus; version: number }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'conflict'; status: MaintenanceStatus; message: string }
  | Forbidden;

/** What the reporter reads in their notification for each status. */
function reporterTitle(to: MaintenanceStatus, from: MaintenanceStatus, device: string): string {
  if (to === 'in_progress')
    return from === 'resolved'
      ? `Your problem report for ${device} was reopened`
      : `IT started work on your problem report for ${device}`;
  if (to === 'resolved') return `Your problem report for ${device} was resolved`;
  if (to === 'closed') return `Your problem report for ${device} was closed`;
  return `Your problem report for ${device} is open again`;
}

const changedMessage = (now: MaintenanceStatus) =>
  `${MAINTENANCE_CHANGED}: it is now ${MAINTENANCE_STATUS_LABELS[now].toLowerCase()}. Reload to see the latest.`;

// updated_at always moves forward, even for two writes in the same millisecond, so it works as a version.
const nextVersion = (now: number) => sql`max(${now}, ${maintenanceRecords.updatedAt} + 1)`;

/** What a change needs to know about a record before writing: its state and whom to tell about which device. */
function currentState(db: TenantDb, recordId: string) {
  return db
    .select({
      status: maintenanceRecords.status,
      updatedAt: maintenanceRecords.updatedAt,
      resolution: maintenanceRecords.resolution,
      reportedBy: maintenanceRecords.reportedBy,
      assetId: maintenanceRecords.assetId,
      assetTag: hardwareAssets.assetTag,
      model: hardwareModels.name
    })
    .from(maintenanceRecords)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .where(eq(maintenanceRecords.id, recordId))
    .get();
}

/**
 * Move a record to another status through an allowed transition. Resolving stores the resolution
 * (the contract requires one); reopening clears it. `input.version`, when given, must match.
 */
export async function changeMaintenanceStatusForWorkspace(
  db: TenantDb,
  actor: Actor,
  recordId: string,
  input: MaintenanceStatusInput,
  now = Date.now()
): Promise<MaintenanceChangeResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const current = await currentState(db, recordId);
  if (!current) return { ok: false, code: 'not_found' };
  const stale = input.version !== undefined && input.version !== current.updatedAt;
  const allowed = MAINTENANCE_TRANSITIONS[current.status].some((t) => t.to === input.status);
  if (stale || !allowed) {
    const message =
      stale || current.status === input.status
        ? changedMessage(current.status)
        : `A problem report that is ${MAINTENANCE_STATUS_LABELS[current.status].toLowerCase()} can’t be moved to ${MAINTENANCE_STATUS_LABELS[input.status].toLowerCase()}.`;
    return { ok: false, code: 'conflict', status: current.status, message };
  }
  const from = current.status;
  const to = input.status;
  const resolution = to === 'resolved' ? input.resolution! : to === 'closed' ? current.resolution : null;
  const device = `${current.model} (${current.assetTag})`;
  const [updated] = await db.batch([
    db
      .update(maintenanceRecords)
      .set({
        status: to,
        resolution,
        // Closing keeps when it was resolved; any other move sets or clears it.
        ...(to === 'closed' ? {} : { resolvedAt: to === 'resolved' ? now : null }),
        updatedAt: nextVersion(now)
      })
      .where(
        and(
          eq(maintenanceRecords.id, recordId),
          eq(maintenanceRecords.status, from),
          eq(maintenanceRecords.updatedAt, current.updatedAt)
        )
      )
      .returning({ version: maintenanceRecords.updatedAt }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: `maintenance.${to}`,
      entityType: 'maintenance_record',
      entityId: recordId,
      before: { status: from, resolution: current.resolution },
      after: { status: to, resolution }
    }),
    // "Request alerts" governs problem-report updates too (they are the employee's own asks to IT).
    notifyUserStatement(
      db,
      current.reportedBy,
      'request',
      {
        kind: `maintenance_${to}`,
        title: reporterTitle(to, from, device),
        body: to === 'resolved' ? resolution : null,
        link: `/my/hardware/${current.assetId}`
      },
      now,
      true
    ),
    // Last in the batch; guarded by this batch's own version of the record.
    webhookEventStatement(
      db,
      'maintenance.updated',
      {
        maintenance: { id: recordId, status: to, previousStatus: from, resolution },
        asset: { id: current.assetId, assetTag: current.assetTag, model: current.model },
        reportedBy: { id: current.reportedBy },
        updatedBy: actorRefOf(actor)
      },
      {
        now,
        onlyIf: sql`EXISTS (SELECT 1 FROM maintenance_records WHERE id = ${recordId} AND status = ${to} AND updated_at = ${Math.max(now, current.updatedAt + 1)})`
      }
    ),
    helpdeskMaintenanceStatus(
      db,
      { recordId, from, to, by: actorRefOf(actor).name, resolution },
      current.updatedAt,
      now
    )
  ]);
  if (updated.length === 1) return { ok: true, status: to, version: updated[0]!.version };
  const latest = await db
    .select({ status: maintenanceRecords.status })
    .from(maintenanceRecords)
    .where(eq(maintenanceRecords.id, recordId))
    .get();
  if (!latest) return { ok: false, code: 'not_found' };
  return { ok: false, code: 'conflict', status: latest.status, message: changedMessage(latest.status) };
}

export type NoteResult =
  { ok: true; id: string; version: number } | { ok: false; code: 'not_found' } | Forbidden;

/**
 * Add a note (appended atomically, so concurrent notes are all kept). The reporter sees notes with
 * their report on My hardware and is notified (per "Request alerts"), unless they wrote it themselves.
 */
export async function addMaintenanceNoteForWorkspace(
  db: TenantDb,
  actor: Actor,
  recordId: string,
  input: MaintenanceNoteInput,
  now = Date.now()
): Promise<NoteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const current = await currentState(db, recordId);
  if (!current) return { ok: false, code: 'not_found' };
  const note: MaintenanceNote = {
    id: crypto.randomUUID(),
    at: now,
    by: personIdOf(actor),
    author: displayNameOf(actor),
    body: input.body
  };
  const update = db
    .update(maintenanceRecords)
    .set({ notes: appendNoteSql(note), updatedAt: nextVersion(now) })
    .where(eq(maintenanceRecords.id, recordId))
    .returning({ version: maintenanceRecords.updatedAt });
  const audit = auditStatementIfChanged(db, {
    ...auditActorOf(actor),
    action: 'maintenance.note_added',
    entityType: 'maintenance_record',
    entityId: recordId,
    after: { noteId: note.id, body: input.body }
  });
  const notify = notifyUserStatement(
    db,
    current.reportedBy,
    'request',
    {
      kind: 'maintenance_note',
      title: `${displayNameOf(actor)} added a note to your problem report for ${current.model} (${current.assetTag})`,
      body: input.body.slice(0, 200),
      link: `/my/hardware/${current.assetId}`
    },
    now,
    true
  );
  const outbox = helpdeskMaintenanceNote(
    db,
    { recordId, noteId: note.id, author: note.author, body: input.body },
    now
  );
  const [updated] =
    current.reportedBy === personIdOf(actor)
      ? await db.batch([update, audit, outbox])
      : await db.batch([update, audit, notify, outbox]);
  if (updated.length !== 1) return { ok: false, code: 'not_found' };
  return { ok: true, id: note.id, version: updated[0]!.version };
}
