// Audit rows for conditional updates. A conditional UPDATE (… WHERE status = 'pending') may match no
// row when another writer got there first; the audit row (and any event row) must then not be
// written. Inside one db.batch (a single transaction on one connection) SQLite's changes() reports
// the rows touched by the statement just before, so `… WHERE changes() = 1` chains the guard.
import { sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { auditLog } from '../db/tenant-schema';
import type { AuditEntry } from './record';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Inserts the audit row only if the statement right before it in the batch changed exactly one row. */
export function auditStatementIfChanged(db: TenantDb, entry: AuditEntry) {
  // Column order of audit_log: id (NULL = autoincrement), actor_id, action, entity_type, entity_id,
  // before, after, ip_address, created_at, actor_label.
  return db.insert(auditLog).select(sql`
    SELECT NULL, ${entry.actorId}, ${entry.action}, ${entry.entityType}, ${entry.entityId}, ${json(entry.before)}, ${json(entry.after)}, NULL, ${Date.now()}, ${entry.actorLabel ?? null}
    WHERE changes() = 1`);
}
