// Admin › Audit log (issue 6): read-only views of the append-only audit_log, filtered by actor (name or
// email, partial), entity type, action (prefix: "request" matches request.approved …) and a UTC date
// range, newest first; and the same selection as CSV. Nothing here writes.
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { auditLog, users } from '../db/tenant-schema';
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import type { AuditQuery } from '../../contracts/admin';
import { pageOf } from '../paging';
import { addDays } from '../dates';
import { toCsv } from '../csv/write';
import { containsIgnoringCase, startsWithDotted } from '../db/like';

export const AUDIT_EXPORT_MAX = 10_000;

export interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ipAddress: string | null;
}

function whereOf(q: AuditQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.actor)
    conds.push(
      sql`(${containsIgnoringCase(users.name, q.actor)} OR ${containsIgnoringCase(users.email, q.actor)})`
    );
  if (q.entity) conds.push(eq(auditLog.entityType, q.entity));
  if (q.action)
    conds.push(sql`(${eq(auditLog.action, q.action)} OR ${startsWithDotted(auditLog.action, q.action)})`);
  if (q.from) conds.push(gte(auditLog.createdAt, Date.parse(`${q.from}T00:00:00Z`)));
  if (q.to) conds.push(lt(auditLog.createdAt, Date.parse(`${addDays(q.to, 1)}T00:00:00Z`)));
  return conds.length ? and(...conds) : undefined;
}

const columns = {
  id: auditLog.id,
  at: auditLog.createdAt,
  // A person's name, or the label of a token, SCIM or a system job that acted (authz/actor.ts).
  actor: sql<string | null>`coalesce(${users.name}, ${auditLog.actorLabel})`,
  actorEmail: users.email,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  ipAddress: auditLog.ipAddress
};

export async function listAuditForWorkspace(db: TenantDb, q: AuditQuery): Promise<Paged<AuditRow>> {
  const where = whereOf(q);
  const page = q.page ?? 1;
  const [rows, total] = await db.batch([
    db
      .select(columns)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where)
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

/** Entity types and actions present, for the filter pickers. */
export async function auditFacetsForWorkspace(db: TenantDb): Promise<{ entities: string[] }> {
  const rows = await db
    .selectDistinct({ e: auditLog.entityType })
    .from(auditLog)
    .orderBy(auditLog.entityType);
  return { entities: rows.map((r) => r.e) };
}

export async function exportAuditCsvForWorkspace(db: TenantDb, q: AuditQuery): Promise<string> {
  const rows = await db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(whereOf(q))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_EXPORT_MAX);
  const head = [
    'id',
    'time_utc',
    'actor',
    'actor_email',
    'action',
    'entity_type',
    'entity_id',
    'before',
    'after',
    'ip_address'
  ];
  // RFC 4180 with the formula guard (csv/write.ts), the same writer as the hardware export.
  return toCsv([
    head,
    ...rows.map((r) => [
      r.id,
      new Date(r.at).toISOString(),
      r.actor,
      r.actorEmail,
      r.action,
      r.entityType,
      r.entityId,
      r.before,
      r.after,
      r.ipAddress
    ])
  ]);
}
