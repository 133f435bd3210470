// What a new ticket says: every field of the request (or problem report), the requester's name and
// email, and the link back. Read from the database when the ticket is created, so a ticket created
// late (the help desk was down, or connected afterwards) shows the current state.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets, hardwareModels, maintenanceRecords, requests, users } from '../db/tenant-schema';
import { aliased } from '../db/aliased';
import { loadRequestDetail } from '../requests/request-detail';
import type { StatusMap } from '../../contracts/helpdesk';
import type { TicketDraft } from './connector';
import type { LinkedEntity } from './links';

/** Urgency / priority as a help-desk priority (RT: 0-100, higher is more urgent). */
export const PRIORITY_OF: Record<string, number> = { low: 25, medium: 50, high: 75, critical: 100 };

const label = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' ');
const orDash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);
const money = (cents: number | null) => (cents === null ? '—' : (cents / 100).toFixed(2));

export interface DraftWithStatus {
  draft: TicketDraft;
  /** The help-desk status the entity's current OnTrackio status maps to. */
  currentStatus: string;
}

export function referenceOf(slug: string, entity: LinkedEntity, id: string): string {
  return `${slug}/${entity}/${id}`;
}

export async function ticketDraft(
  db: TenantDb,
  entity: LinkedEntity,
  id: string,
  ctx: { slug: string; origin: string; map: StatusMap }
): Promise<DraftWithStatus | null> {
  return entity === 'request' ? requestDraft(db, id, ctx) : maintenanceDraft(db, id, ctx);
}

async function requestDraft(
  db: TenantDb,
  id: string,
  ctx: { slug: string; origin: string; map: StatusMap }
): Promise<DraftWithStatus | null> {
  const detail = await loadRequestDetail(db, eq(requests.id, id));
  if (!detail) return null;
  const r = detail.row;
  const link = `${ctx.origin}/admin/requests/${id}`;
  const body = [
    r.justification,
    '',
    `Type: ${label(r.type)}`,
    `Urgency: ${label(r.urgency)}`,
    `Category: ${orDash(r.category)}`,
    `Software: ${orDash(r.software)}`,
    `Specific model: ${orDash(r.specificModel)}`,
    `Estimated cost: ${money(r.estimatedCostCents)}`,
    `Requested by: ${r.requester} <${r.requesterEmail}>`,
    `Status in OnTrackio: ${label(r.status)}`,
    '',
    `Open in OnTrackio: ${link}`
  ].join('\n');
  return {
    draft: {
      reference: referenceOf(ctx.slug, 'request', id),
      subject: r.title,
      body,
      priority: PRIORITY_OF[r.urgency] ?? 50,
      requester: { name: r.requester, email: r.requesterEmail },
      status: ctx.map.request.pending
    },
    currentStatus: ctx.map.request[r.status]
  };
}

async function maintenanceDraft(
  db: TenantDb,
  id: string,
  ctx: { slug: string; origin: string; map: StatusMap }
): Promise<DraftWithStatus | null> {
  const r = await db
    .select({
      description: maintenanceRecords.description,
      priority: maintenanceRecords.priority,
      status: maintenanceRecords.status,
      assetTag: hardwareAssets.assetTag,
      serial: hardwareAssets.serial,
      manufacturer: hardwareModels.manufacturer,
      model: aliased(hardwareModels.name, 'model_name'),
      reporter: aliased(users.name, 'reporter_name'),
      reporterEmail: users.email
    })
    .from(maintenanceRecords)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .innerJoin(users, eq(users.id, maintenanceRecords.reportedBy))
    .where(eq(maintenanceRecords.id, id))
    .get();
  if (!r) return null;
  const link = `${ctx.origin}/admin/maintenance/${id}`;
  const body = [
    r.description,
    '',
    `Device: ${r.manufacturer} ${r.model} (${r.assetTag})`,
    `Serial: ${orDash(r.serial)}`,
    `Priority: ${label(r.priority)}`,
    `Reported by: ${r.reporter} <${r.reporterEmail}>`,
    `Status in OnTrackio: ${label(r.status)}`,
    '',
    `Open in OnTrackio: ${link}`
  ].join('\n');
  return {
    draft: {
      reference: referenceOf(ctx.slug, 'maintenance', id),
      subject: `Problem with ${r.model} (${r.assetTag})`,
      body,
      priority: PRIORITY_OF[r.priority] ?? 50,
      requester: { name: r.reporter, email: r.reporterEmail },
      status: ctx.map.maintenance.open
    },
    currentStatus: ctx.map.maintenance[r.status]
  };
}
