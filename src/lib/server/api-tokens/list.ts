// The token lists: a person's own personal tokens (My profile › API tokens) and the workspace's
// service tokens (Admin › Settings › API tokens). The scope is in the WHERE clause; nothing here
// returns a secret or its hash. "Expires" is the effective expiry (the workspace maximum may cut it).
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { apiTokens, users } from '../db/tenant-schema';
import { actorCan, type Actor } from '../authz/actor';
import { API_SCOPES, type ApiScope } from '../../contracts/api-scopes';
import type { ApiTokenSummary } from '../../contracts/api-tokens';
import { effectiveExpiry, getMaxLifetimeDays } from './lifetime';

export type { ApiTokenSummary };

/** JSON text from the database → a list of strings, tolerating anything unexpected as empty. */
export function jsonList(text: string | null): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const storedScopes = (text: string): ApiScope[] =>
  jsonList(text).filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));

const nameOf = (column: SQL | typeof apiTokens.createdBy) =>
  sql<string | null>`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${column})`;

async function listWhere(db: TenantDb, where: SQL | undefined, now: number): Promise<ApiTokenSummary[]> {
  const [rows, maxDays] = await Promise.all([
    db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        kind: apiTokens.kind,
        scopes: apiTokens.scopes,
        allowedAddresses: apiTokens.allowedAddresses,
        createdAt: apiTokens.createdAt,
        createdByName: nameOf(apiTokens.createdBy),
        lastUsedAt: apiTokens.lastUsedAt,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
        revokedByName: sql<
          string | null
        >`coalesce((SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${apiTokens.revokedBy}), ${apiTokens.revokedByLabel})`
      })
      .from(apiTokens)
      .where(where)
      .orderBy(sql`${apiTokens.revokedAt} IS NOT NULL`, desc(apiTokens.createdAt))
      .limit(200),
    getMaxLifetimeDays(db)
  ]);
  return rows.map((r) => {
    const expiresAt = effectiveExpiry(r.expiresAt, r.createdAt, maxDays);
    return {
      ...r,
      scopes: storedScopes(r.scopes),
      allowedAddresses: jsonList(r.allowedAddresses),
      expiresAt,
      status: r.revokedAt !== null ? 'revoked' : expiresAt <= now ? 'expired' : 'active'
    };
  });
}

/** The actor's own personal tokens; empty for anyone who is not a person. */
export async function listPersonalApiTokensForUser(
  db: TenantDb,
  actor: Actor,
  now = Date.now()
): Promise<ApiTokenSummary[]> {
  if (actor.kind !== 'user') return [];
  return listWhere(db, and(eq(apiTokens.kind, 'personal'), eq(apiTokens.ownerUserId, actor.userId)), now);
}

/** The workspace's service tokens; null when the actor may not manage them. */
export async function listServiceApiTokensForWorkspace(
  db: TenantDb,
  actor: Actor,
  now = Date.now()
): Promise<ApiTokenSummary[] | null> {
  if (!actorCan(actor, 'admin.settings')) return null;
  return listWhere(db, eq(apiTokens.kind, 'service'), now);
}
