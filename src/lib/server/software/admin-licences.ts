// Admin › Software › Licences (issue 6, item 4): licences with seats, assigned to people and linked
// to their devices. Invariants live in the database write itself, not in a read-then-write:
//  - a seat is taken with INSERT … SELECT … WHERE (seats used) < (seats bought), so two concurrent
//    assignments can never exceed the licence (D1 runs one statement at a time per database);
//  - seats are reduced with UPDATE … WHERE (seats used) <= new seats;
//  - a device is linked with INSERT … SELECT FROM hardware_assets WHERE assigned_to = the seat's holder;
//  - licence_assignments_uq keeps one seat per person per licence.
// Every change writes an audit row in the same batch, only if the guarded write changed a row.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  hardwareAssets,
  hardwareModels,
  licenceAssignmentDevices,
  licenceAssignments,
  licences,
  softwareProducts,
  users
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { addDays, isoDate } from '../dates';
import { RENEWAL_WARNING_DAYS } from '../dashboard/my-dashboard';
import type { LicenceInput, SeatAssignInput, SeatDevicesInput } from '../../contracts/admin-software';
import type { SoftwareResult } from './admin-catalog';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, type Actor } from '../authz/actor';

export type RenewalState = 'expired' | 'soon' | 'ok' | 'none';

export interface LicenceRow {
  id: string;
  productId: string;
  application: string;
  vendor: string;
  edition: string;
  seats: number;
  seatsUsed: number;
  renewalDate: string | null;
  renewal: RenewalState;
  costCents: number | null;
}

export interface SeatRow {
  id: string;
  userId: string;
  person: string;
  email: string;
  assignedAt: number;
  devices: { id: string; assetTag: string; model: string }[];
  /** The holder's assigned hardware: the devices this seat may be linked to. */
  holderDevices: { id: string; assetTag: string; model: string }[];
}

export interface LicenceDetail extends LicenceRow {
  notes: string | null;
  seatList: SeatRow[];
}

export function renewalState(renewalDate: string | null, now = Date.now()): RenewalState {
  if (!renewalDate) return 'none';
  const today = isoDate(now);
  if (renewalDate < today) return 'expired';
  return renewalDate <= addDays(today, RENEWAL_WARNING_DAYS) ? 'soon' : 'ok';
}

const seatsUsed = (licenceId: unknown) =>
  sql<number>`(SELECT count(*) FROM licence_assignments WHERE licence_id = ${licenceId})`;

function selectLicences(db: TenantDb) {
  return db
    .select({
      id: licences.id,
      productId: licences.productId,
      application: softwareProducts.name,
      vendor: softwareProducts.vendor,
      edition: licences.edition,
      seats: licences.seats,
      seatsUsed: seatsUsed(licences.id).mapWith(Number).as('seats_used'),
      renewalDate: licences.renewalDate,
      costCents: licences.costCents,
      notes: licences.notes
    })
    .from(licences)
    .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
    .$dynamic();
}

/** Every licence, renewing soonest first (no renewal date last). */
export async function listLicencesForWorkspace(db: TenantDb, now = Date.now()): Promise<LicenceRow[]> {
  const rows = await selectLicences(db).orderBy(
    sql`${licences.renewalDate} IS NULL`,
    asc(licences.renewalDate),
    asc(softwareProducts.name)
  );
  return rows.map(({ notes: _n, ...r }) => ({ ...r, renewal: renewalState(r.renewalDate, now) }));
}

export async function getLicenceForWorkspace(
  db: TenantDb,
  licenceId: string,
  now = Date.now()
): Promise<LicenceDetail | null> {
  const [found, seats, links, holderAssets] = await db.batch([
    selectLicences(db).where(eq(licences.id, licenceId)),
    db
      // D1 batches key rows by column name: select no second `id` (users.id) here.
      .select({
        id: licenceAssignments.id,
        userId: licenceAssignments.userId,
        person: users.name,
        email: users.email,
        assignedAt: licenceAssignments.assignedAt
      })
      .from(licenceAssignments)
      .innerJoin(users, eq(users.id, licenceAssignments.userId))
      .where(eq(licenceAssignments.licenceId, licenceId))
      .orderBy(asc(users.name), asc(licenceAssignments.id)),
    db
      .select({
        seatId: licenceAssignmentDevices.assignmentId,
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        model: hardwareModels.name
      })
      .from(licenceAssignmentDevices)
      .innerJoin(licenceAssignments, eq(licenceAssignments.id, licenceAssignmentDevices.assignmentId))
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, licenceAssignmentDevices.assetId))
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(licenceAssignments.licenceId, licenceId))
      .orderBy(asc(hardwareAssets.assetTag)),
    db
      .select({
        userId: licenceAssignments.userId,
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        model: hardwareModels.name
      })
      .from(licenceAssignments)
      .innerJoin(hardwareAssets, eq(hardwareAssets.assignedTo, licenceAssignments.userId))
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(licenceAssignments.licenceId, licenceId))
      .orderBy(asc(hardwareAssets.assetTag))
  ]);
  const licence = found[0];
  if (!licence) return null;
  return {
    ...licence,
    renewal: renewalState(licence.renewalDate, now),
    seatList: seats.map((s) => ({
      ...s,
      devices: links.filter((l) => l.seatId === s.id).map(({ seatId: _s, ...d }) => d),
      holderDevices: holderAssets.filter((a) => a.userId === s.userId).map(({ userId: _u, ...d }) => d)
    }))
  };
}

/** The licence form's product list: the whole catalog (a licence may outlive its approval). */
export async function getLicenceFormOptions(
  db: TenantDb
): Promise<{ products: { id: string; label: string }[] }> {
  const rows = await db
    .select({ id: softwareProducts.id, name: softwareProducts.name, vendor: softwareProducts.vendor })
    .from(softwareProducts)
    .orderBy(asc(softwareProducts.name), asc(softwareProducts.vendor));
  return { products: rows.map((p) => ({ id: p.id, label: `${p.name} (${p.vendor})` })) };
}

const invalid = (fields: Record<string, string[]>): SoftwareResult => ({
  ok: false,
  code: 'invalid',
  message: 'Some fields need attention.',
  fields
});
const missingLicence = (): SoftwareResult => ({
  ok: false,
  code: 'not_found',
  message: 'No licence has that id in this workspace.'
});

function licenceValues(input: LicenceInput) {
  return {
    productId: input.productId,
    edition: input.edition,
    seats: input.seats,
    renewalDate: input.renewalDate ?? null,
    costCents: input.cost === undefined ? null : Math.round(input.cost * 100),
    notes: input.notes ?? null
  };
}

async function productExists(db: TenantDb, productId: string) {
  return (
    (await db
      .select({ id: softwareProducts.id })
      .from(softwareProducts)
      .where(eq(softwareProducts.id, productId))
      .get()) !== undefined
  );
}

export async function createLicenceForWorkspace(
  db: TenantDb,
  actor: Actor,
  input: LicenceInput,
  now = Date.now()
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  if (!(await productExists(db, input.productId)))
    return invalid({ productId: ['Choose a product from the catalog.'] });
  const row = { id: crypto.randomUUID(), ...licenceValues(input), createdAt: now };
  await db.batch([
    db.insert(licences).values(row),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'licence.created',
      entityType: 'licence',
      entityId: row.id,
      after: row
    })
  ]);
  return { ok: true, id: row.id };
}

/** Edit a licence. Reducing seats below the number assigned is refused by the UPDATE itself. */
export async function updateLicenceForWorkspace(
  db: TenantDb,
  actor: Actor,
  licenceId: string,
  input: LicenceInput
): Promise<SoftwareResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const before = await db.select().from(licences).where(eq(licences.id, licenceId)).get();
  if (!before) return missingLicence();
  if (!(await productExists(db, input.productId)))
    return invalid({ productId: ['Choose a product from the catalog.'] });
  const after = licenceValues(input);
  const [updated] = await db.batch([
    db
      .update(licences)
      .set(after)
      .where(and(eq(licences.id, licenceId), sql`${seatsUsed(licenceId)} <= ${input.seats}`))
      .returning({ id: licences.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'licence.updated',
      entityType: 'licence',
      entityId: licenceId,
      before,
      after: { id: licenceId, ...after }
    })
  ]);
  if (updated.length === 1) return { ok: true, id: licenceId };
  const used =
    (
      await db
        .select({ n: count() })
        .from(licenceAssignments)
        .where(eq(licenceAssignments.licenceId, licenceId))
    )[0]?.n ?? 0;
  return invalid({ seats: [seatsBelowUsed(used)] });
}

export function seatsBelowUsed(used: number): string {
  return `${used} ${used === 1 ? 'seat is' : 'seats are'} assigned. Unassign seats before reducing the total below ${used}.`;
}

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
