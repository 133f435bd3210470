// Admin › Hardware (issue 6): the workspace's assets. Invariants in the database: asset tags and
// serials are unique (unique indexes; a clash comes back as an error beside the field), and
// assigning is a conditional UPDATE on an unassigned asset, so two admins can't hand one laptop to
// two people. Every assignment opens a hardware_assignments row; unassigning closes it (the history).
import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
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
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import type { AssetInput, AssignInput, HardwareQuery } from '../../contracts/admin';
import { pageOf } from '../paging';
import { aliased } from '../db/aliased';
import { webhookEventStatement } from '../webhooks/events';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';
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

const modelLabel = () =>
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

/**
 * Assign to a person: only an in-stock, unassigned asset (conditional UPDATE). The history row, audit
 * row and the person's notification are written only if the UPDATE matched.
 */
export async function assignAssetForWorkspace(
  db: TenantDb,
  actor: Actor,
  assetId: string,
  input: AssignInput,
  now = Date.now()
): Promise<AssetWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const [asset, person] = await db.batch([
    db
      .select({ tag: hardwareAssets.assetTag, status: hardwareAssets.status, model: modelLabel() })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(hardwareAssets.id, assetId)),
    db
      .select({ status: users.status, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, input.userId))
  ]);
  if (!asset[0]) return { ok: false, code: 'not_found', message: 'No asset has that id in this workspace.' };
  if (!person[0] || person[0].status !== 'active')
    return { ok: false, code: 'invalid', fields: { userId: ['Choose an active person from the list.'] } };
  const historyId = crypto.randomUUID();
  const [updated] = await db.batch([
    db
      .update(hardwareAssets)
      .set({
        status: 'assigned',
        assignedTo: input.userId,
        assignedAt: now,
        acknowledgementRequested: input.requestAcknowledgement,
        acknowledgedAt: null,
        updatedAt: now
      })
      .where(
        and(
          eq(hardwareAssets.id, assetId),
          eq(hardwareAssets.status, 'in_stock'),
          isNull(hardwareAssets.assignedTo)
        )
      )
      .returning({ id: hardwareAssets.id }),
    db
      .insert(hardwareAssignments)
      .select(
        sql`SELECT ${historyId}, ${assetId}, ${input.userId}, ${now}, NULL, ${personIdOf(actor)} WHERE changes() = 1`
      ),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'hardware.assigned',
      entityType: 'hardware_asset',
      entityId: assetId,
      before: { status: 'in_stock', assignedTo: null },
      after: {
        status: 'assigned',
        assignedTo: input.userId,
        acknowledgementRequested: input.requestAcknowledgement
      }
    }),
    notifyUserStatement(
      db,
      input.userId,
      null,
      {
        kind: 'hardware_assigned',
        title: `IT assigned you ${asset[0].model} (${asset[0].tag})`,
        body: input.requestAcknowledgement
          ? 'Please open it in My hardware and confirm you received it (Acknowledge).'
          : null,
        link: `/my/hardware/${assetId}`
      },
      now,
      true
    ),
    // Last in the batch (it changes how many rows changes() reports); guarded by the history row.
    webhookEventStatement(
      db,
      'hardware.assigned',
      {
        asset: { id: assetId, assetTag: asset[0].tag, model: asset[0].model },
        person: { id: input.userId, name: person[0].name, email: person[0].email },
        acknowledgementRequested: input.requestAcknowledgement
      },
      { now, onlyIf: sql`EXISTS (SELECT 1 FROM hardware_assignments WHERE id = ${historyId})` }
    )
  ]);
  if (updated.length === 1) return { ok: true, id: assetId };
  const latest = await db
    .select({ status: hardwareAssets.status })
    .from(hardwareAssets)
    .where(eq(hardwareAssets.id, assetId))
    .get();
  return {
    ok: false,
    code: 'conflict',
    message:
      latest?.status === 'assigned'
        ? 'This asset is already assigned. Unassign it first.'
        : `Only in-stock assets can be assigned; this one is ${latest?.status.replace('_', ' ')}.`
  };
}

/** Unassign: back to stock, the open history row closed; a repeat is refused and writes nothing. */
export async function unassignAssetForWorkspace(
  db: TenantDb,
  actor: Actor,
  assetId: string,
  now = Date.now()
): Promise<AssetWriteResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const asset = await db
    .select({ assignedTo: hardwareAssets.assignedTo, assetTag: hardwareAssets.assetTag })
    .from(hardwareAssets)
    .where(eq(hardwareAssets.id, assetId))
    .get();
  if (!asset) return { ok: false, code: 'not_found', message: 'No asset has that id in this workspace.' };
  if (!asset.assignedTo)
    return { ok: false, code: 'conflict', message: 'This asset isn’t assigned to anyone.' };
  const [updated] = await db.batch([
    db
      .update(hardwareAssets)
      .set({
        status: 'in_stock',
        assignedTo: null,
        assignedAt: null,
        acknowledgementRequested: false,
        acknowledgedAt: null,
        updatedAt: now
      })
      .where(and(eq(hardwareAssets.id, assetId), eq(hardwareAssets.assignedTo, asset.assignedTo)))
      .returning({ id: hardwareAssets.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'hardware.unassigned',
      entityType: 'hardware_asset',
      entityId: assetId,
      before: { assignedTo: asset.assignedTo },
      after: { status: 'in_stock', assignedTo: null }
    }),
    db
      .update(hardwareAssignments)
      .set({ returnedAt: now })
      .where(
        and(
          eq(hardwareAssignments.assetId, assetId),
          isNull(hardwareAssignments.returnedAt),
          sql`changes() = 1`
        )
      ),
    webhookEventStatement(
      db,
      'hardware.returned',
      { asset: { id: assetId, assetTag: asset.assetTag }, person: { id: asset.assignedTo } },
      {
        now,
        onlyIf: sql`EXISTS (SELECT 1 FROM hardware_assets WHERE id = ${assetId} AND assigned_to IS NULL AND updated_at = ${now})`
      }
    )
  ]);
  if (updated.length === 1) return { ok: true, id: assetId };
  return {
    ok: false,
    code: 'conflict',
    message: 'This asset changed while you were looking at it. Reload to see the latest.'
  };
}
