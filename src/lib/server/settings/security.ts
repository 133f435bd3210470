// Workspace security settings (admin › Settings › Security), stored in workspace_settings.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { workspaceSettings } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';

export const REQUIRE_TWO_FACTOR_KEY = 'security.require_two_factor';

export async function isTwoFactorRequired(db: TenantDb): Promise<boolean> {
  const row = await db.query.workspaceSettings.findFirst({
    where: eq(workspaceSettings.key, REQUIRE_TWO_FACTOR_KEY)
  });
  return row?.value === 'true';
}

export async function setTwoFactorRequired(db: TenantDb, actorId: string, required: boolean): Promise<void> {
  const before = await isTwoFactorRequired(db);
  if (before === required) return;
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
      actorId,
      action: 'settings.require_two_factor',
      entityType: 'workspace_settings',
      entityId: REQUIRE_TWO_FACTOR_KEY,
      before: { required: before },
      after: { required }
    })
  ]);
}
