// Admin › Hardware (issue 6): the workspace's assets. Invariants in the database: asset tags and
// serials are unique (unique indexes; a clash comes back as an error beside the field). Assigning and
// unassigning are in asset-assignment.ts. Every change enforces 'admin.inventory' on its actor.
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TenantDb } from '../db';
import { containsIgnoringCase } from '../db/like';
import {
  hardwareAssets,
  hardwareAssignments,
  hardwareCategories,
  hardwareModels,
  locations,
  users
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import type { AssetInput, HardwareQuery } from '../../contracts/admin';
import { pageOf } from '../paging';
import { aliased } from '../db/aliased';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';
import { isUniqueViolation } from '../db/constraint-errors';

type HardwareStatus = (typeof hardwareAssets.$inferSelect)['status'];

export interface AssetRow {
  id: string;
  assetTag: string;
  serial: string | null;
  model: string;
  category: string;
  status: HardwareStatus;
  assignee: string | null;
  assigneeId: string | null;
  location: string | null;
}

export const modelLabel = () =>
  sql<string>`${hardwareModels.manufacturer} || ' ' || ${hardwareModels.name}`.as('model_label');

/** The list's search and status filter (the page, the API and the CSV export share it). The query it
 *  goes into must join hardware_models and users (the assignee). */
export function hardwareFilter(q: Pick<HardwareQuery, 'q' | 'status'>): SQL | undefined {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(hardwareAssets.status, q.status));
  if (q.q) {
    const t = q.q;
    conds.push(
      sql`(${containsIgnoringCase(hardwareAssets.assetTag, t)} OR ${containsIgnoringCase(hardwareAssets.serial, t)}
        OR ${containsIgnoringCase(sql`${hardwareModels.manufacturer} || ' ' || ${hardwareModels.name}`, t)}
        OR ${containsIgnoringCase(users.name, t)})`
    );
  }
  return conds.length ? and(...conds) : undefined;
}

export async function listHardwareForWorkspace(db: TenantDb, q: HardwareQuery): Promise<Paged<AssetRow>> {
  const where = hardwareFilter(q);
  const page = q.page ?? 1;
  const [rows, total] = await db.batch([
    db
      .select({
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        serial: hardwareAssets.serial,
        model: modelLabel(),
        category: aliased(hardwareCategories.name, 'category_name'),
        status: hardwareAssets.status,
        assignee: aliased(users.name, 'assignee_name'),
        assigneeId: aliased(users.id, 'assignee_id'),
        location: aliased(locations.name, 'location_name')
      })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId))
      .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
      .leftJoin(locations, eq(locations.id, hardwareAssets.locationId))
      .where(where)
      .orderBy(asc(hardwareAssets.assetTag))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db
      .select({ n: count() })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
      .where(where)
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

export interface HardwareFormOptions {
  models: { id: string; label: string }[];
  locations: { id: string; name: string }[];
}

export async function getHardwareFormOptions(db: TenantDb): Promise<HardwareFormOptions> {
  const [models, locs] = await db.batch([
    db
      .select({ id: hardwareModels.id, label: modelLabel() })
      .from(hardwareModels)
      .orderBy(asc(hardwareModels.manufacturer), asc(hardwareModels.name)),
    db.select({ id: locations.id, name: locations.name }).from(locations).orderBy(asc(locations.name))
  ]);
  return { models, locations: locs };
}

export interface AssetDetail {
  id: string;
  assetTag: string;
  serial: string | null;
  modelId: string;
  model: string;
  locationId: string | null;
  status: HardwareStatus;
  assignee: string | null;
  assigneeId: string | null;
  acknowledgementRequested: boolean;
  acknowledgedAt: number | null;
  purchaseDate: string | null;
  purchaseCostCents: number | null;
  warrantyEnds: string | null;
  notes: string | null;
  history: { id: string; person: string; assignedAt: number; returnedAt: number | null; by: string | null }[];
}

export async function getAssetForWorkspace(db: TenantDb, assetId: string): Promise<AssetDetail | null> {
  const assignee = alias(users, 'assignee');
  const person = alias(users, 'person');
  const by = alias(users, 'by_user');
  const [rows, history] = await db.batch([
    db
      .select({
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        serial: hardwareAssets.serial,
        modelId: hardwareAssets.modelId,
        model: modelLabel(),
        locationId: hardwareAssets.locationId,
        status: hardwareAssets.status,
        assignee: aliased(assignee.name, 'assignee_name'),
        assigneeId: aliased(assignee.id, 'assignee_id'),
        acknowledgementRequested: hardwareAssets.acknowledgementRequested,
        acknowledgedAt: hardwareAssets.acknowledgedAt,
        purchaseDate: hardwareAssets.purchaseDate,
        purchaseCostCents: hardwareAssets.purchaseCostCents,
        warrantyEnds: hardwareAssets.warrantyEnds,
        notes: hardwareAssets.notes
      })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .leftJoin(assignee, eq(assignee.id, hardwareAssets.assignedTo))
      .where(eq(hardwareAssets.id, assetId)),
    db
      .select({
        id: hardwareAssignments.id,
        person: aliased(person.name, 'person_name'),
        assignedAt: hardwareAssignments.assignedAt,
        returnedAt: hardwareAssignments.returnedAt,
        by: aliased(by.name, 'by_name')
      })
      .from(hardwareAssignments)
      .innerJoin(person, eq(person.id, hardwareAssignments.userId))
      .leftJoin(by, eq(by.id, hardwareAssignments.assignedBy))
      .where(eq(hardwareAssignments.assetId, assetId))
      .orderBy(desc(hardwareAssignments.assignedAt))
  ]);
  const row = rows[0];
  return row ? { ...row, history } : null;
}

export type AssetWriteResult =
  | { ok: true; id: string }
  | { ok: false; code: 'invalid'; fields: Record<string, string[]> }
  | { ok: false; code: 'not_found' | 'conflict'; message: string }
  | Forbidden;

const TAG_TAKEN = 'That asset tag is already in use. Asset tags must be unique.';
const SERIAL_TAKEN = 'Another asset already has this serial number.';

function uniqueClash(e: unknown): Record<string, string[]> | null {
  if (isUniqueViolation(e, 'asset_tag')) return { assetTag: [TAG_TAKEN] };
  if (isUniqueViolation(e, 'serial')) return { serial: [SERIAL_TAKEN] };
  return null;
}

async function checkReferences(db: TenantDb, input: AssetInput): Promise<Record<string, string[]>> {
  const [model, loc] = await db.batch([
    db.select({ id: hardwareModels.id }).from(hardwareModels).where(eq(hardwareModels.id, input.modelId)),
    db
      .select({ id: locations.id })
      .from(locations)
      .where(eq(locations.id, input.locationId ?? ''))
  ]);
  const fields: Record<string, string[]> = {};
  if (model.length === 0) fields.modelId = ['Choose a model from the list.'];
  if (input.locationId && loc.length === 0) fields.locationId = ['Choose a location from the list.'];
  return fields;
}

function columnsOf(input: AssetInput) {
  return {
    assetTag: input.assetTag,
    serial: input.serial ?? null,
    modelId: input.modelId,
    locationId: input.locationId ?? null,
    purchaseDate: input.purchaseDate ?? null,
    purchaseCostCents: input.purchaseCost === undefined ? null : Math.round(input.purchaseCost * 100),
    warrantyEnds: input.warrantyEnds ?? null,
    notes: input.notes ?? null
  };
}

export async function createAssetForWorkspace(
  db: TenantDb,
  actor: Actor,
  input: AssetInput,
  now = Date.now()
): Promise<AssetWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const fields = await checkReferences(db, input);
  if (Object.keys(fields).length) return { ok: false, code: 'invalid', fields };
  const id = crypto.randomUUID();
  const row = { id, ...columnsOf(input), status: input.status, createdAt: now, updatedAt: now };
  try {
    await db.batch([
      db.insert(hardwareAssets).values(row),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'hardware.created',
        entityType: 'hardware_asset',
        entityId: id,
        after: row
      })
    ]);
  } catch (e) {
    const clash = uniqueClash(e);
    if (clash) return { ok: false, code: 'invalid', fields: clash };
    throw e;
  }
  return { ok: true, id };
}

/** Edits the asset's record. Its status may change only while it is not assigned (unassign first). */
export async function updateAssetForWorkspace(
  db: TenantDb,
  actor: Actor,
  assetId: string,
  input: AssetInput,
  now = Date.now()
): Promise<AssetWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const before = await db.select().from(hardwareAssets).where(eq(hardwareAssets.id, assetId)).get();
  if (!before) return { ok: false, code: 'not_found', message: 'No asset has that id in this workspace.' };
  const fields = await checkReferences(db, input);
  // While assigned, the status stays "assigned" whatever the form says (unassign to change it).
  if (Object.keys(fields).length) return { ok: false, code: 'invalid', fields };
  const changes = {
    ...columnsOf(input),
    ...(before.status === 'assigned' ? {} : { status: input.status }),
    updatedAt: now
  };
  try {
    await db.batch([
      db.update(hardwareAssets).set(changes).where(eq(hardwareAssets.id, assetId)),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'hardware.updated',
        entityType: 'hardware_asset',
        entityId: assetId,
        before,
        after: changes
      })
    ]);
  } catch (e) {
    const clash = uniqueClash(e);
    if (clash) return { ok: false, code: 'invalid', fields: clash };
    throw e;
  }
  return { ok: true, id: assetId };
}
