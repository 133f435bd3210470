// `Authorization: Bearer otk_…` → who is calling, checked on every request in this order:
//   1. shape and checksum (no database work for a random or truncated string);
//   2. the SHA-256 looked up in this workspace's database (a token of another workspace is unknown here),
//      at the primary like the session ledger: it takes the workspace's D1 binding, not a TenantDb, so
//      that no caller can hand it a read session, whose replica could still show a token revoked a
//      moment ago;
//   3. not revoked, not expired (its own expiry and the workspace's maximum lifetime), and for a
//      personal token an owner who is still active, with the role read now (a demotion applies at once);
//   4. the token's allowed client addresses, if it has a list;
//   5. the per-token exact rate limit (LIMITS.apiToken in the RateLimiter Durable Object).
// Every refusal in 1-3 is the same `invalid`, with no hint of which. Nothing is cached: a revocation
// takes effect on the next request. last_used_at is written at most every few minutes, after the
// response (the caller's waitUntil), never once per request.
import { waitUntil } from 'cloudflare:workers';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { openTenantDb } from '../db';
import { aliased } from '../db/aliased';
import { fixedQuery } from '../db/fixed-query';
import { apiTokens, users } from '../db/tenant-schema';
import type { Actor } from '../authz/actor';
import { attemptLimit, type RateLimitEnv } from '../ratelimit/limits';
import { addressAllowed } from '../../contracts/ip-ranges';
import { bearerTokenOf, hashApiTokenSecret, isWellFormedApiToken } from './format';
import { effectiveExpiry, maxLifetimeDaysSql } from './lifetime';
import { jsonList, storedScopes } from './list';
import { effectiveScopes } from './scope-rules';
import type { ApiTokenAuthResult } from './types';

/** last_used_at is coarse: rewritten only when the stored value is older than this. */
export const TOKEN_LAST_USED_INTERVAL_MS = 5 * 60 * 1000;

export interface AuthenticateOptions {
  /** Runs the last-used write after the response; defaults to the request's waitUntil. */
  defer?: (work: Promise<unknown>) => void;
  now?: number;
}

const INVALID = { ok: false, code: 'invalid' } as const;

/** The token with this secret hash, its owner and the workspace's maximum lifetime (SQL built once). */
const tokenBySecretHash = fixedQuery(['secretHash'], (db, p) =>
  db
    .select({
      id: apiTokens.id,
      kind: apiTokens.kind,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      allowedAddresses: apiTokens.allowedAddresses,
      expiresAt: apiTokens.expiresAt,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      // Aliased: a D1 batch returns rows as objects, so a column name may appear only once.
      ownerId: aliased(users.id, 'owner_id'),
      ownerName: aliased(users.name, 'owner_name'),
      ownerRole: aliased(users.role, 'owner_role'),
      ownerStatus: aliased(users.status, 'owner_status'),
      maxDays: maxLifetimeDaysSql
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.ownerUserId))
    .where(eq(apiTokens.secretHash, p.secretHash))
);

export async function authenticateApiToken(
  env: RateLimitEnv,
  slug: string,
  binding: D1Database,
  authorizationHeaderValue: string | null | undefined,
  clientAddress: string,
  options: AuthenticateOptions = {}
): Promise<ApiTokenAuthResult> {
  const secret = bearerTokenOf(authorizationHeaderValue);
  if (!secret || !isWellFormedApiToken(secret)) return INVALID;
  const now = options.now ?? Date.now();
  const db = openTenantDb(binding); // the primary: one handle per binding and isolate (db/index.ts)

  const [row] = await tokenBySecretHash.all(db, { secretHash: hashApiTokenSecret(secret) });
  if (!row || row.revokedAt !== null) return INVALID;
  if (now >= effectiveExpiry(row.expiresAt, row.createdAt, Number(row.maxDays))) return INVALID;

  let actor: Actor;
  if (row.kind === 'personal') {
    if (!row.ownerId || row.ownerStatus !== 'active' || !row.ownerName || !row.ownerRole) return INVALID;
    actor = {
      kind: 'user',
      userId: row.ownerId,
      name: row.ownerName,
      role: row.ownerRole,
      via: 'token',
      tokenName: row.name
    };
  } else {
    actor = { kind: 'service', tokenId: row.id, tokenName: row.name };
  }

  const allowed = jsonList(row.allowedAddresses);
  if (allowed.length > 0 && !addressAllowed(clientAddress, allowed))
    return { ok: false, code: 'address_not_allowed' };

  const decision = await attemptLimit(env, slug, 'apiToken', row.id);
  if (!decision.allowed)
    return {
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
    };

  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOKEN_LAST_USED_INTERVAL_MS) {
    const stale = or(
      isNull(apiTokens.lastUsedAt),
      lte(apiTokens.lastUsedAt, now - TOKEN_LAST_USED_INTERVAL_MS)
    );
    (options.defer ?? waitUntil)(
      db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(apiTokens.id, row.id), stale))
        .run()
        .catch((e: unknown) =>
          console.error(JSON.stringify({ event: 'api_token.last_used_failed', slug, error: String(e) }))
        )
    );
  }

  return {
    ok: true,
    token: {
      tokenId: row.id,
      tokenName: row.name,
      kind: row.kind,
      scopes: effectiveScopes(storedScopes(row.scopes), actor, row.kind),
      actor
    }
  };
}
