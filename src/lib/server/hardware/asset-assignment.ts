// Admin › Hardware › Assign / Unassign (issue 6). Assigning is a conditional UPDATE on an in-stock,
// unassigned asset, so two admins can't hand one laptop to two people. Every assignment opens a
// hardware_assignments row and unassigning closes it (the history); the audit row, the webhook event
// and the person's notification are written in the same batch, only if the UPDATE matched. Enforces
// 'admin.inventory' on its actor.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets, hardwareAssignments, hardwareModels, users } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { notifyUserStatement } from '../notifications/notify';
import type { AssignInput } from '../../contracts/admin';
import { modelLabel, type AssetWriteResult } from './admin-hardware';
import { webhookEventStatement } from '../webhooks/events';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor } from '../authz/actor';

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
