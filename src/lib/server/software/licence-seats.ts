// Admin › Software › Licences › Seats (issue 6, item 4): who holds a seat and on which devices.
// The invariants are in the writes themselves: a seat is taken with INSERT … SELECT … WHERE (seats
// used) < (seats bought), so concurrent assignments never exceed the licence; a device is linked only
// if it is assigned to the seat's holder; one seat per person per licence (licence_assignments_uq).
// Every change enforces 'admin.inventory' on its actor and audits in its own batch.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  hardwareAssets,
  licenceAssignmentDevices,
  licenceAssignments,
  licences,
  users
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import type { SeatAssignInput, SeatDevicesInput } from '../../contracts/admin-software';
import type { SoftwareResult } from './admin-catalog';
import { invalid, missingLicence, seatsUsed, selectLicences } from './admin-licences';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, type Actor } from '../authz/actor';

/**
 * Assign a seat to a person. The INSERT takes the seat only while seats used < seats bought, so of
 * N concurrent assignments for the last seat exactly one wins; the rest get "All N seats … are assigned".
 */
export async function assignSeatForWorkspace(
  db: TenantDb,
  actor: Actor,
  licenceId: string,
  input: SeatAssignInput,
  now = Date.now()
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const [found, person] = await db.batch([
    selectLicences(db).where(eq(licences.id, licenceId)),
    db
      .select({ id: users.id, name: users.name, status: users.status })
      .from(users)
      .where(eq(users.id, input.userId))
  ]);
  const licence = found[0];
  if (!licence) return missingLicence();
  if (!person[0] || person[0].status !== 'active')
    return invalid({ userId: ['Choose an active person from the list.'] });
  const id = crypto.randomUUID();
  const title = `${licence.application} ${licence.edition}`;
  try {
    const [, , , taken] = await db.batch([
      // Column order of licence_assignments: id, licence_id, user_id, assigned_at.
      db.insert(licenceAssignments).select(sql`
        SELECT ${id}, ${licenceId}, ${input.userId}, ${now}
        WHERE ${seatsUsed(licenceId)} < (SELECT seats FROM licences WHERE id = ${licenceId})`),
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: 'licence.seat_assigned',
        entityType: 'licence',
        entityId: licenceId,
        after: { seatId: id, userId: input.userId }
      }),
      notifyUserStatement(
        db,
        input.userId,
        null,
        {
          kind: 'licence_assigned',
          title: `IT assigned you a ${title} seat`,
          body: 'It is listed in My software.',
          link: '/my/software'
        },
        now,
        true
      ),
      db.select({ id: licenceAssignments.id }).from(licenceAssignments).where(eq(licenceAssignments.id, id))
    ]);
    if (taken.length === 1) return { ok: true, id };
  } catch (e) {
    if (isUniqueViolation(e))
      return invalid({ userId: [`${person[0].name} already has a seat of this licence.`] });
    throw e;
  }
  return { ok: false, code: 'conflict', message: seatsFull(licence.seats, title) };
}

export function seatsFull(seats: number, title: string): string {
  return seats === 1
    ? `The only seat of ${title} is assigned. Unassign it or add seats before assigning another.`
    : `All ${seats} seats of ${title} are assigned. Unassign a seat or add seats before assigning another.`;
}

async function seatOfLicence(db: TenantDb, licenceId: string, seatId: string) {
  return db
    .select({ id: licenceAssignments.id, userId: licenceAssignments.userId, person: users.name })
    .from(licenceAssignments)
    .innerJoin(users, eq(users.id, licenceAssignments.userId))
    .where(and(eq(licenceAssignments.id, seatId), eq(licenceAssignments.licenceId, licenceId)))
    .get();
}

export async function unassignSeatForWorkspace(
  db: TenantDb,
  actor: Actor,
  licenceId: string,
  seatId: string
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const seat = await seatOfLicence(db, licenceId, seatId);
  if (!seat)
    return {
      ok: false,
      code: 'not_found',
      message: 'That seat is not assigned on this licence (it may have been unassigned already).'
    };
  const [, removed] = await db.batch([
    db.delete(licenceAssignmentDevices).where(eq(licenceAssignmentDevices.assignmentId, seatId)),
    db
      .delete(licenceAssignments)
      .where(and(eq(licenceAssignments.id, seatId), eq(licenceAssignments.licenceId, licenceId)))
      .returning({ id: licenceAssignments.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'licence.seat_unassigned',
      entityType: 'licence',
      entityId: licenceId,
      before: { seatId, userId: seat.userId }
    })
  ]);
  if (removed.length === 1) return { ok: true, id: seatId };
  return { ok: false, code: 'not_found', message: 'That seat was unassigned while you were looking at it.' };
}

/**
 * Link a seat to devices (replaces the set). Only hardware assigned to the seat's holder can be
 * linked: checked up front for a clear message, and again by each INSERT … SELECT's WHERE.
 */
export async function setSeatDevicesForWorkspace(
  db: TenantDb,
  actor: Actor,
  licenceId: string,
  seatId: string,
  input: SeatDevicesInput
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const seat = await seatOfLicence(db, licenceId, seatId);
  if (!seat) return { ok: false, code: 'not_found', message: 'That seat is not assigned on this licence.' };
  const wanted = [...new Set(input.assetIds)];
  const [own, current] = await db.batch([
    db
      .select({ id: hardwareAssets.id })
      .from(hardwareAssets)
      .where(
        and(
          inArray(hardwareAssets.id, wanted.length ? wanted : ['']),
          eq(hardwareAssets.assignedTo, seat.userId)
        )
      ),
    db
      .select({ assetId: licenceAssignmentDevices.assetId })
      .from(licenceAssignmentDevices)
      .where(eq(licenceAssignmentDevices.assignmentId, seatId))
  ]);
  if (own.length !== wanted.length)
    return invalid({ assetIds: [`Link only devices assigned to ${seat.person}.`] });
  const before = current.map((c) => c.assetId).sort();
  const after = [...wanted].sort();
  await db.batch([
    db.delete(licenceAssignmentDevices).where(eq(licenceAssignmentDevices.assignmentId, seatId)),
    ...wanted.map((assetId) =>
      db.insert(licenceAssignmentDevices).select(sql`
        SELECT ${seatId}, id FROM hardware_assets
        WHERE id = ${assetId} AND assigned_to = (SELECT user_id FROM licence_assignments WHERE id = ${seatId})`)
    ),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'licence.seat_devices_set',
      entityType: 'licence',
      entityId: licenceId,
      before: { seatId, assetIds: before },
      after: { seatId, assetIds: after }
    })
  ]);
  return { ok: true, id: seatId };
}
