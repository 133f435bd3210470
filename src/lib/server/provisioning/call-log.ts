// The last provisioning calls and their results (Settings › Provisioning). One row per authenticated
// SCIM request; the table keeps the newest KEEP rows (the prune runs in the same batch as the insert).
// Only method, path, status and a one-line outcome are kept: never a request body or a token.
import { desc, lt, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimCalls } from '../db/tenant-schema';

export const KEEP_CALLS = 200;
export const SHOWN_CALLS = 25;

export interface ScimCall {
  method: string;
  path: string;
  status: number;
  outcome: string;
  createdAt: number;
}

export async function recordScimCall(db: TenantDb, call: ScimCall): Promise<void> {
  await db.batch([
    db
      .insert(scimCalls)
      .values({ ...call, outcome: call.outcome.slice(0, 300), path: call.path.slice(0, 300) }),
    db.delete(scimCalls).where(lt(scimCalls.id, sql`(SELECT max(id) FROM scim_calls) - ${KEEP_CALLS - 1}`))
  ]);
}

export async function listRecentScimCalls(db: TenantDb, limit = SHOWN_CALLS): Promise<ScimCall[]> {
  return db
    .select({
      method: scimCalls.method,
      path: scimCalls.path,
      status: scimCalls.status,
      outcome: scimCalls.outcome,
      createdAt: scimCalls.createdAt
    })
    .from(scimCalls)
    .orderBy(desc(scimCalls.id))
    .limit(limit);
}
