// Settings › Provisioning › Groups: the admin maps a pushed group to a role. Mapping a group to
// "Administrator" makes its current members administrators at once; clearing the mapping returns
// members to "Employee" unless another admin-mapped group keeps them there. The last active
// administrator is never demoted (the people service refuses; nothing changes and the admin is told).
import { asc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimGroups } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { demoteLeavingMembers, memberIdsOf, promoteMembers } from './group-roles';
import { fail, type ProvisionResult } from './result';

export interface MappedGroup {
  id: string;
  displayName: string;
  memberCount: number;
  role: 'admin' | null;
}

export async function listGroupsForMapping(db: TenantDb): Promise<MappedGroup[]> {
  return db
    .select({
      id: scimGroups.id,
      displayName: scimGroups.displayName,
      role: scimGroups.role,
      memberCount: sql<number>`(SELECT count(*) FROM scim_group_members m WHERE m.group_id = ${scimGroups.id})`
    })
    .from(scimGroups)
    .orderBy(asc(sql`lower(${scimGroups.displayName})`))
    .limit(500);
}

export async function setGroupRoleForWorkspace(
  db: TenantDb,
  actor: Actor,
  groupId: string,
  role: 'admin' | null
): Promise<ProvisionResult<{ displayName: string }>> {
  if (!actorCan(actor, 'admin.settings'))
    return fail('forbidden', 'Only administrators can map groups to roles.');
  const group = await db.select().from(scimGroups).where(eq(scimGroups.id, groupId)).get();
  if (!group) return fail('not_found', 'That group no longer exists.');
  if (group.role === role) return { ok: true, displayName: group.displayName };
  const members = await memberIdsOf(db, groupId);
  if (group.role === 'admin') {
    const refused = await demoteLeavingMembers(db, actor, members, groupId);
    if (refused) return refused;
  }
  await db.batch([
    db.update(scimGroups).set({ role, updatedAt: Date.now() }).where(eq(scimGroups.id, groupId)),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'scim_group.role_mapped',
      entityType: 'scim_group',
      entityId: groupId,
      before: { role: group.role },
      after: { role, displayName: group.displayName }
    })
  ]);
  if (role === 'admin') await promoteMembers(db, actor, members);
  return { ok: true, displayName: group.displayName };
}
