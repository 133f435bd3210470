// Append-only audit trail (DESIGN §7): every state change writes one row. Returns the insert so the
// caller can put it into the same db.batch([...]) as the change itself.
import type { TenantDb } from '../db';
import { auditLog } from '../db/tenant-schema';

export interface AuditEntry {
  actorId: string | null;
  /** Set when no person's session acted (authz/actor.ts auditActorOf): a token, SCIM, a system job. */
  actorLabel?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ipAddress?: string | null;
}

export function auditStatement(db: TenantDb, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorId: entry.actorId,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ipAddress: entry.ipAddress ?? null
  });
}
