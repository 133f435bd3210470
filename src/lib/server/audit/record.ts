// The audit trail: every state change adds one append-only row (a trigger refuses UPDATE/DELETE).
// Returns the insert (not awaited) so callers can put it into the same db.batch([...]) as the change.
import type { TenantDb } from '../db';
import { auditLog } from '../db/tenant-schema';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export function auditStatement(db: TenantDb, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after)
  });
}
