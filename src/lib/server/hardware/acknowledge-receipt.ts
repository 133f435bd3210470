// Acknowledge receipt of a device (seed 000, My hardware): scoped to the user's own device.
import { and, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { webhookEventStatement } from '../webhooks/events';

export type AcknowledgeResult =
  { ok: true; acknowledgedAt: number; alreadyAcknowledged: boolean } | { ok: false; code: 'not_found' };

/**
 * Acknowledge receipt: recorded once. The UPDATE matches only the user's own, not yet acknowledged
 * device, so a repeat (or a race of two) changes nothing and writes no second audit row.
 */
export async function acknowledgeHardwareForUser(
  db: TenantDb,
  userId: string,
  assetId: string,
  now = Date.now()
): Promise<AcknowledgeResult> {
  const [updated] = await db.batch([
    db
      .update(hardwareAssets)
      .set({ acknowledgedAt: now, updatedAt: now })
      .where(
        and(
          eq(hardwareAssets.id, assetId),
          eq(hardwareAssets.assignedTo, userId),
          isNull(hardwareAssets.acknowledgedAt)
        )
      )
      .returning({ id: hardwareAssets.id }),
    auditStatementIfChanged(db, {
      actorId: userId,
      action: 'hardware.acknowledged',
      entityType: 'hardware_asset',
      entityId: assetId,
      before: { acknowledgedAt: null },
      after: { acknowledgedAt: now }
    }),
    webhookEventStatement(
      db,
      'hardware.acknowledged',
      { asset: { id: assetId }, person: { id: userId }, acknowledgedAt: new Date(now).toISOString() },
      { now, onlyIfChanged: true }
    )
  ]);
  if (updated.length === 1) return { ok: true, acknowledgedAt: now, alreadyAcknowledged: false };
  const existing = await db
    .select({ acknowledgedAt: hardwareAssets.acknowledgedAt })
    .from(hardwareAssets)
    .where(and(eq(hardwareAssets.id, assetId), eq(hardwareAssets.assignedTo, userId)))
    .get();
  if (!existing || existing.acknowledgedAt === null) return { ok: false, code: 'not_found' };
  return { ok: true, acknowledgedAt: existing.acknowledgedAt, alreadyAcknowledged: true };
}
