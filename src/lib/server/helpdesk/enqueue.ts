// The outbox rows the services add to their batches for the help desk. Each is written only while a
// help desk is connected (read in the same batch), and only when `when` holds: a condition that checks
// the change itself landed (a status UPDATE that lost a race writes no row). They never chain on
// changes(), so they can go last in a batch without disturbing the statements before them.
import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { outboxStatement } from '../outbox';
import { helpdeskConnectedSql } from './connection';

export type HelpdeskEvent =
  | { type: 'request.created'; requestId: string }
  | { type: 'request.message'; requestId: string; messageId: string; author: string; body: string }
  | { type: 'request.status'; requestId: string; from: string; to: string; by: string; reason: string | null }
  | { type: 'maintenance.created'; recordId: string }
  | { type: 'maintenance.note'; recordId: string; noteId: string; author: string; body: string }
  | {
      type: 'maintenance.status';
      recordId: string;
      from: string;
      to: string;
      by: string;
      resolution: string | null;
    };

function keyOf(e: HelpdeskEvent): string {
  return 'requestId' in e ? `request:${e.requestId}` : `maintenance:${e.recordId}`;
}

export function helpdeskOutboxStatement(
  db: TenantDb,
  event: HelpdeskEvent,
  opts: { now?: number; when?: SQL } = {}
) {
  const { type, ...payload } = event;
  return outboxStatement(
    db,
    { channel: 'helpdesk', orderingKey: keyOf(event), eventType: type, payload },
    {
      now: opts.now,
      onlyIf: opts.when ? sql`${helpdeskConnectedSql} AND ${opts.when}` : helpdeskConnectedSql
    }
  );
}

/** `when` for a request status change: the row now has that status, written at `now` (by this batch). */
export const requestStatusLanded = (requestId: string, to: string, now: number) =>
  sql`EXISTS (SELECT 1 FROM requests WHERE id = ${requestId} AND status = ${to} AND updated_at = ${now})`;

/** `when` for a maintenance status change: the record has that status and moved past the version seen. */
export const maintenanceStatusLanded = (recordId: string, to: string, seenVersion: number) =>
  sql`EXISTS (SELECT 1 FROM maintenance_records WHERE id = ${recordId} AND status = ${to} AND updated_at > ${seenVersion})`;

/** `when` for a maintenance note: the note is in the record's notes. */
export const maintenanceNoteLanded = (recordId: string, noteId: string) =>
  sql`EXISTS (SELECT 1 FROM maintenance_records WHERE id = ${recordId} AND instr(notes, ${noteId}) > 0)`;

// One-line builders for the services (each keeps its own batch and adds one of these last).

export const helpdeskRequestCreated = (db: TenantDb, requestId: string, now: number) =>
  helpdeskOutboxStatement(db, { type: 'request.created', requestId }, { now });

export const helpdeskRequestMessage = (
  db: TenantDb,
  m: { requestId: string; messageId: string; author: string; body: string },
  now: number
) => helpdeskOutboxStatement(db, { type: 'request.message', ...m }, { now });

/** Written only if the request now has `to`, set by this batch (a lost race writes nothing). */
export const helpdeskRequestStatus = (
  db: TenantDb,
  s: { requestId: string; from: string; to: string; by: string; reason: string | null },
  now: number
) =>
  helpdeskOutboxStatement(
    db,
    { type: 'request.status', ...s },
    { now, when: requestStatusLanded(s.requestId, s.to, now) }
  );

export const helpdeskMaintenanceCreated = (db: TenantDb, recordId: string, now: number) =>
  helpdeskOutboxStatement(db, { type: 'maintenance.created', recordId }, { now });

export const helpdeskMaintenanceNote = (
  db: TenantDb,
  n: { recordId: string; noteId: string; author: string; body: string },
  now: number
) =>
  helpdeskOutboxStatement(
    db,
    { type: 'maintenance.note', ...n },
    { now, when: maintenanceNoteLanded(n.recordId, n.noteId) }
  );

/** Written only if the record now has `to` and moved past the version the change started from. */
export const helpdeskMaintenanceStatus = (
  db: TenantDb,
  s: { recordId: string; from: string; to: string; by: string; resolution: string | null },
  seenVersion: number,
  now: number
) =>
  helpdeskOutboxStatement(
    db,
    { type: 'maintenance.status', ...s },
    { now, when: maintenanceStatusLanded(s.recordId, s.to, seenVersion) }
  );
