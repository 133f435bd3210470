// Groups the identity provider pushed (GET /scim/v2/Groups), with their members unless the client
// asked for excludedAttributes=members (Entra always does). Stable order: created, id.
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimGroupMembers, scimGroups, users } from '../db/tenant-schema';
import type { FilterTerm, GroupFilterAttribute } from '../scim/filter';

export interface ScimGroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  role: 'admin' | null;
  createdAt: number;
  updatedAt: number;
  memberCount: number;
  members: { value: string; display: string }[] | null;
}

function termSql(term: FilterTerm<GroupFilterAttribute>): SQL {
  switch (term.attribute) {
    case 'displayName':
      return sql`lower(${scimGroups.displayName}) = ${term.value.toLowerCase()}`;
    case 'externalId':
      return sql`${scimGroups.externalId} = ${term.value}`;
    case 'id':
      return sql`${scimGroups.id} = ${term.value}`;
    case 'members.value':
      return sql`EXISTS (SELECT 1 FROM scim_group_members m WHERE m.group_id = ${scimGroups.id} AND m.user_id = ${term.value})`;
  }
}

const columns = {
  id: scimGroups.id,
  displayName: scimGroups.displayName,
  externalId: scimGroups.externalId,
  role: scimGroups.role,
  createdAt: scimGroups.createdAt,
  updatedAt: scimGroups.updatedAt,
  memberCount: sql<number>`(SELECT count(*) FROM scim_group_members m WHERE m.group_id = ${scimGroups.id})`
};

async function withMembers(db: TenantDb, rows: Omit<ScimGroupRow, 'members'>[], include: boolean) {
  if (!include) return rows.map((r) => ({ ...r, members: null }));
  return Promise.all(rows.map(async (r) => ({ ...r, members: await listGroupMembers(db, r.id) })));
}

export async function listGroupMembers(db: TenantDb, groupId: string) {
  return db
    .select({ value: users.id, display: users.name })
    .from(scimGroupMembers)
    .innerJoin(users, eq(users.id, scimGroupMembers.userId))
    .where(eq(scimGroupMembers.groupId, groupId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function listScimGroupsForWorkspace(
  db: TenantDb,
  terms: FilterTerm<GroupFilterAttribute>[],
  page: { startIndex: number; count: number },
  includeMembers: boolean
): Promise<{ total: number; rows: ScimGroupRow[] }> {
  const where = and(...terms.map(termSql));
  const [rows, total] = await db.batch([
    db
      .select(columns)
      .from(scimGroups)
      .where(where)
      .orderBy(asc(scimGroups.createdAt), asc(scimGroups.id))
      .limit(page.count)
      .offset(page.startIndex - 1),
    db.select({ n: count() }).from(scimGroups).where(where)
  ]);
  return { total: total[0]?.n ?? 0, rows: await withMembers(db, rows, includeMembers) };
}

export async function getScimGroupForWorkspace(
  db: TenantDb,
  groupId: string,
  includeMembers = true
): Promise<ScimGroupRow | null> {
  const row = await db.select(columns).from(scimGroups).where(eq(scimGroups.id, groupId)).get();
  return row ? (await withMembers(db, [row], includeMembers))[0]! : null;
}

export function toScimGroup(row: ScimGroupRow, base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    ...(row.members ? { members: row.members.map((m) => ({ ...m, $ref: `${base}/Users/${m.value}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: new Date(row.createdAt).toISOString(),
      lastModified: new Date(row.updatedAt).toISOString(),
      location: `${base}/Groups/${row.id}`
    }
  };
}
