// The workspace's people as the identity provider sees them (GET /scim/v2/Users). Every person of this
// workspace's database is a SCIM User (so Okta's "userName eq" lookup finds someone an admin invited
// before provisioning was turned on, and matches instead of failing with a duplicate), except those
// the provider DELETEd (scim_users.deprovisioned_at). A person without a scim_users row has their
// email as userName. Order is stable (created, id) so startIndex/count pages never overlap.
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimUsers, users } from '../db/tenant-schema';
import type { FilterTerm, UserFilterAttribute } from '../scim/filter';
import type { ScimUserRow } from '../scim/user-resource';

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  status: users.status,
  jobTitle: users.jobTitle,
  phone: users.phone,
  department: users.department,
  createdAt: users.createdAt,
  updatedAt: sql<number>`max(${users.updatedAt}, coalesce(${scimUsers.updatedAt}, 0))`,
  userName: scimUsers.userName,
  externalId: scimUsers.externalId,
  givenName: scimUsers.givenName,
  familyName: scimUsers.familyName,
  managerId: scimUsers.managerId,
  groupsJson: sql<string>`(SELECT json_group_array(json_object('id', g.id, 'displayName', g.display_name))
    FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id WHERE m.user_id = ${users.id})`
};

/** The SCIM userName of a person: their scim_users.user_name, else their email. */
export const userNameSql = sql`coalesce(${scimUsers.userName}, ${users.email})`;

function termSql(term: FilterTerm<UserFilterAttribute>): SQL {
  switch (term.attribute) {
    case 'userName': // caseExact: false (RFC 7643 §4.1.1)
      return sql`lower(${userNameSql}) = ${term.value.toLowerCase()}`;
    case 'externalId': // caseExact: true
      return sql`${scimUsers.externalId} = ${term.value}`;
    case 'emails.value':
      return sql`${users.email} = ${term.value.toLowerCase()}`;
    case 'id':
      return sql`${users.id} = ${term.value}`;
  }
}

type RawRow = Omit<ScimUserRow, 'groups'> & { groupsJson: string };
const toRow = ({ groupsJson, ...r }: RawRow): ScimUserRow => ({
  ...r,
  groups: (JSON.parse(groupsJson) as ScimUserRow['groups']).sort((a, b) =>
    a.displayName.localeCompare(b.displayName)
  )
});

const visible = isNull(scimUsers.deprovisionedAt);

export async function listScimUsersForWorkspace(
  db: TenantDb,
  terms: FilterTerm<UserFilterAttribute>[],
  page: { startIndex: number; count: number }
): Promise<{ total: number; rows: ScimUserRow[] }> {
  const where = and(visible, ...terms.map(termSql));
  const [rows, total] = await db.batch([
    db
      .select(columns)
      .from(users)
      .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(page.count)
      .offset(page.startIndex - 1),
    db.select({ n: count() }).from(users).leftJoin(scimUsers, eq(scimUsers.userId, users.id)).where(where)
  ]);
  return { total: total[0]?.n ?? 0, rows: (rows as RawRow[]).map(toRow) };
}

export async function getScimUserForWorkspace(db: TenantDb, userId: string): Promise<ScimUserRow | null> {
  const row = await db
    .select(columns)
    .from(users)
    .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
    .where(and(eq(users.id, userId), visible))
    .get();
  return row ? toRow(row as RawRow) : null;
}

/** Whose SCIM userName this is (ignoring case), if anyone's: for the 409 uniqueness check. */
export async function userIdWithUserName(db: TenantDb, userName: string): Promise<string | null> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
    .where(sql`lower(${userNameSql}) = ${userName.toLowerCase()}`)
    .get();
  return row?.id ?? null;
}
