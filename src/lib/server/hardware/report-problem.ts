// Report a problem with a device (seed 000, My hardware): only for the user's own device.
import { and, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets, hardwareModels, maintenanceRecords } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { notifyAdminsStatement } from '../notifications/notify';
import { helpdeskMaintenanceCreated } from '../helpdesk/enqueue';
import type { ProblemReportInput } from '../../contracts/my';
import { webhookEventStatement } from '../webhooks/events';

/**
 * Report a problem: opens a maintenance record for IT, notifies every active administrator, audits.
 * All in one batch. Returns null when the device is not the user's own.
 */
export async function reportProblemForUser(
  db: TenantDb,
  user: { id: string; name: string },
  assetId: string,
  input: ProblemReportInput,
  now = Date.now()
): Promise<{ id: string } | null> {
  const device = await db
    .select({ assetTag: hardwareAssets.assetTag, model: hardwareModels.name })
    .from(hardwareAssets)
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .where(and(eq(hardwareAssets.id, assetId), eq(hardwareAssets.assignedTo, user.id)))
    .get();
  if (!device) return null;
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(maintenanceRecords).values({
      id,
      assetId,
      reportedBy: user.id,
      description: input.description,
      priority: input.priority,
      status: 'open',
      createdAt: now,
      updatedAt: now
    }),
    notifyAdminsStatement(
      db,
      {
        kind: 'problem_report',
        title: `${user.name} reported a problem with ${device.model} (${device.assetTag})`,
        body: `Priority ${input.priority}: ${input.description.slice(0, 200)}`,
        link: `/admin/maintenance/${id}`
      },
      now
    ),
    auditStatement(db, {
      actorId: user.id,
      action: 'maintenance.reported',
      entityType: 'maintenance_record',
      entityId: id,
      after: { assetId, priority: input.priority, description: input.description }
    }),
    webhookEventStatement(
      db,
      'maintenance.reported',
      {
        maintenance: { id, status: 'open', priority: input.priority, description: input.description },
        asset: { id: assetId, assetTag: device.assetTag, model: device.model },
        reportedBy: { id: user.id, name: user.name }
      },
      { now }
    ),
    helpdeskMaintenanceCreated(db, id, now)
  ]);
  return { id };
}
