// The workspace's maximum API token lifetime (Admin › Settings › API tokens), in workspace_settings.
// It bounds the expiry chosen for a new token and also caps existing tokens: a token older than the
// maximum stops working (authenticate.ts reads the same setting in its lookup query).
import { eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { workspaceSettings } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { DEFAULT_MAX_LIFETIME_DAYS } from '../../contracts/api-tokens';

export const MAX_LIFETIME_KEY = 'api_tokens.max_lifetime_days';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** SQL for the maximum lifetime in days (the default when unset), for use inside another query. */
export const maxLifetimeDaysSql = sql<number>`coalesce((SELECT CAST(${workspaceSettings.value} AS INTEGER) FROM ${workspaceSettings} WHERE ${workspaceSettings.key} = ${MAX_LIFETIME_KEY}), ${DEFAULT_MAX_LIFETIME_DAYS})`;

export async function getMaxLifetimeDays(db: TenantDb): Promise<number> {
  const row = await db.query.workspaceSettings.findFirst({
    where: eq(workspaceSettings.key, MAX_LIFETIME_KEY)
  });
  const days = row ? Number.parseInt(row.value, 10) : NaN;
  return Number.isFinite(days) && days > 0 ? days : DEFAULT_MAX_LIFETIME_DAYS;
}

export type SetMaxLifetimeResult = { ok: true } | { ok: false; code: 'forbidden' };

export async function setMaxLifetimeDays(
  db: TenantDb,
  actor: Actor,
  days: number,
  now = Date.now()
): Promise<SetMaxLifetimeResult> {
  if (!actorCan(actor, 'admin.settings')) return { ok: false, code: 'forbidden' };
  const before = await getMaxLifetimeDays(db);
  if (before === days) return { ok: true };
  await db.batch([
    db
      .insert(workspaceSettings)
      .values({ key: MAX_LIFETIME_KEY, value: String(days), updatedAt: now })
      .onConflictDoUpdate({ target: workspaceSettings.key, set: { value: String(days), updatedAt: now } }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'settings.api_token_max_lifetime',
      entityType: 'workspace_settings',
      entityId: MAX_LIFETIME_KEY,
      before: { days: before },
      after: { days }
    })
  ]);
  return { ok: true };
}

/** When a token created at `createdAt` stops working: its own expiry or the workspace maximum, if sooner. */
export function effectiveExpiry(expiresAt: number, createdAt: number, maxDays: number): number {
  return Math.min(expiresAt, createdAt + maxDays * DAY_MS);
}
