// Revoking API tokens. Takes effect on the next request: authenticate.ts reads revoked_at from D1
// (strongly consistent) on every request; nothing caches a token. Revocation is a conditional UPDATE
// (… AND revoked_at IS NULL), so a repeat changes nothing and writes no second audit row.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { apiTokens, auditLog, users } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import type { ApiTokenKind } from './scope-rules';

export type RevokeApiTokenResult =
  { ok: true; name: string } | { ok: false; code: 'not_found' | 'forbidden' };

/**
 * One token. Personal: only the owner (another person's token id reads as unknown). Service: anyone
 * allowed admin.settings. Already revoked reads as not found.
 */
export async function revokeApiToken(
  db: TenantDb,
  actor: Actor,
  kind: ApiTokenKind,
  tokenId: string,
  now = Date.now()
): Promise<RevokeApiTokenResult> {
  let scope: SQL | undefined;
  if (kind === 'personal') {
    if (actor.kind !== 'user') return { ok: false, code: 'forbidden' };
    scope = and(eq(apiTokens.kind, 'personal'), eq(apiTokens.ownerUserId, actor.userId));
  } else {
    if (!actorCan(actor, 'admin.settings')) return { ok: false, code: 'forbidden' };
    scope = eq(apiTokens.kind, 'service');
  }
  const who = auditActorOf(actor);
  const [updated] = await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: who.actorId, revokedByLabel: who.actorLabel })
      .where(and(eq(apiTokens.id, tokenId), scope, isNull(apiTokens.revokedAt)))
      .returning({ name: apiTokens.name }),
    auditStatementIfChanged(db, {
      ...who,
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: tokenId,
      after: { kind }
    })
  ]);
  const row = updated[0];
  return row ? { ok: true, name: row.name } : { ok: false, code: 'not_found' };
}

/**
 * The statements that revoke every live personal token of `userId`, audit row per token first.
 * `onlyIf` (SQL) guards both, so they can join another batch conditionally (the suspension's own).
 */
export function revokeTokensOfUserStatements(
  db: TenantDb,
  who: { actorId: string | null; actorLabel: string | null },
  userId: string,
  now: number,
  onlyIf: SQL = sql`1`
) {
  const live = and(eq(apiTokens.ownerUserId, userId), isNull(apiTokens.revokedAt), onlyIf);
  return [
    // Column order of audit_log: id, actor_id, action, entity_type, entity_id, before, after,
    // ip_address, created_at, actor_label.
    db.insert(auditLog).select(sql`
      SELECT NULL, ${who.actorId}, 'api_token.revoked', 'api_token', ${apiTokens.id}, NULL,
        json_object('kind', 'personal', 'reason', 'owner_suspended'), NULL, ${now}, ${who.actorLabel}
      FROM ${apiTokens} WHERE ${live}`),
    db
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: who.actorId, revokedByLabel: who.actorLabel })
      .where(live)
  ] as const;
}

/** Guard for revokeTokensOfUserStatements inside a suspension batch: the person is suspended now. */
export const userIsSuspendedSql = (userId: string) =>
  sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} AND ${users.status} = 'suspended')`;

/**
 * Revokes every personal token of a person (when they are suspended, by an admin or by SCIM).
 * Needs admin.people. Returns how many tokens were revoked.
 */
export async function revokeApiTokensForUser(
  db: TenantDb,
  actor: Actor,
  userId: string,
  now = Date.now()
): Promise<{ ok: true; revoked: number } | { ok: false; code: 'forbidden' }> {
  if (!actorCan(actor, 'admin.people')) return { ok: false, code: 'forbidden' };
  const [, updated] = await db.batch([...revokeTokensOfUserStatements(db, auditActorOf(actor), userId, now)]);
  return { ok: true, revoked: updated.meta.changes ?? 0 };
}
