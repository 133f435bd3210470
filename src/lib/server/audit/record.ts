// The append-only audit log (DESIGN §4): every state change adds one row in the same db.batch as the
// change itself, so a change and its audit entry are written together or not at all.
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

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** An insert to put into `db.batch([...])` beside the change it records. */
export function auditStatement(db: TenantDb, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: json(entry.before),
    after: json(entry.after),
    createdAt: Date.now()
  });
}
