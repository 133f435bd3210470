// Hardware CSV import, the write (Admin › Hardware › Import › Import): validates the text again
// (csv-import.ts) and writes every row in ONE db.batch (per 100 rows three INSERT … SELECT FROM
// json_each statements: assets, assignment history, audit rows naming the actor), so it lands
// completely or not at all. Enforces 'admin.inventory' on its actor.
import { sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { auditLog, hardwareAssets, hardwareAssignments } from '../db/tenant-schema';
import { isUniqueViolation } from '../db/constraint-errors';
import { validateHardwareCsvForWorkspace, type ImportPreview } from './csv-import';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';

/** Rows per INSERT … SELECT FROM json_each(?) statement (100 rows × 2,000-character notes ≈ 0.6 MB of JSON at most). */
const CHUNK = 100;

export type ImportResult =
  | { ok: true; created: { id: string; assetTag: string }[] }
  | { ok: false; preview: ImportPreview }
  | Forbidden;

/** Validates the text again and imports every row in one batch, or nothing. */
export async function importHardwareCsvForWorkspace(
  db: TenantDb,
  actor: Actor,
  text: string,
  now = Date.now()
): Promise<ImportResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const { preview, plan } = await validateHardwareCsvForWorkspace(db, text);
  if (!preview.ok) return { ok: false, preview };
  const x = (path: string) => sql.raw(`json_extract(value, '$.${path}')`);
  const by = auditActorOf(actor);
  // Chunks of CHUNK rows keep each bound JSON value well under D1's 2 MB limit whatever the notes hold;
  // all chunks still go into the one batch (one transaction).
  const statements = [];
  for (let i = 0; i < plan.length; i += CHUNK) {
    const part = plan.slice(i, i + CHUNK);
    const assets = JSON.stringify(part);
    const assigned = JSON.stringify(
      part
        .filter((p) => p.assignedTo)
        .map((p) => ({ historyId: crypto.randomUUID(), assetId: p.id, userId: p.assignedTo }))
    );
    statements.push(
      // Column order of hardware_assets: id, asset_tag, serial, model_id, location_id, status, assigned_to,
      // assigned_at, acknowledgement_requested, acknowledged_at, purchase_date, purchase_cost_cents,
      // warranty_ends, notes, created_at, updated_at.
      db.insert(hardwareAssets).select(sql`
        SELECT ${x('id')}, ${x('assetTag')}, ${x('serial')}, ${x('modelId')}, ${x('locationId')}, ${x('status')}, ${x('assignedTo')},
          CASE WHEN ${x('assignedTo')} IS NULL THEN NULL ELSE ${now} END, 0, NULL,
          ${x('purchaseDate')}, ${x('purchaseCostCents')}, ${x('warrantyEnds')}, ${x('notes')}, ${now}, ${now}
        FROM json_each(${assets})`),
      // hardware_assignments: id, asset_id, user_id, assigned_at, returned_at, assigned_by.
      db
        .insert(hardwareAssignments)
        .select(
          sql`SELECT ${x('historyId')}, ${x('assetId')}, ${x('userId')}, ${now}, NULL, ${personIdOf(actor)} FROM json_each(${assigned})`
        ),
      // audit_log: id, actor_id, action, entity_type, entity_id, before, after, ip_address, created_at, actor_label.
      db
        .insert(auditLog)
        .select(
          sql`SELECT NULL, ${by.actorId}, 'hardware.imported', 'hardware_asset', ${x('id')}, NULL, value, NULL, ${now}, ${by.actorLabel} FROM json_each(${assets})`
        )
    );
  }
  try {
    await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Someone added a clashing asset between the check and the write: nothing was imported. Say where.
    const again = await validateHardwareCsvForWorkspace(db, text);
    if (!again.preview.ok) return { ok: false, preview: again.preview };
    return {
      ok: false,
      preview: {
        ...again.preview,
        ok: false,
        fileErrors: [
          'Another change to the hardware clashed with this import, so nothing was imported. Preview the file again.'
        ]
      }
    };
  }
  return { ok: true, created: plan.map((p) => ({ id: p.id, assetTag: p.assetTag })) };
}
