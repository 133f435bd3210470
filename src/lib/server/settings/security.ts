// Workspace security settings (admin › Settings › Security), stored in workspace_settings.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { workspaceSettings } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export const REQUIRE_TWO_FACTOR_KEY = 'security.require_two_factor';

export async function isTwoFactorRequired(db: TenantDb): Promise<boolean> {
  const row = await db.query.workspaceSettings.findFirst({
    where: eq(workspaceSettings.key, REQUIRE_TWO_FACTOR_KEY)
  });
  return row?.value === 'true';
}

/** "Require two-step verification" on or off; a repeat of the current value writes nothing. */
export async function setTwoFactorRequired(
  db: TenantDb,
  actor: Actor,
  required: boolean
): Promise<{ ok: true } | Forbidden> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const before = await isTwoFactorRequired(db);
  if (before === required) return { ok: true };
  const now = Date.now();
  await db.batch([
    db
      .insert(workspaceSettings)
      .values({ key: REQUIRE_TWO_FACTOR_KEY, value: String(required), updatedAt: now })
      .onConflictDoUpdate({
        target: workspaceSettings.key,
        set: { value: String(required), updatedAt: now }
      }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'settings.require_two_factor',
      entityType: 'workspace_settings',
      entityId: REQUIRE_TWO_FACTOR_KEY,
      before: { required: before },
      after: { required }
    })
  ]);
  return { ok: true };
}
