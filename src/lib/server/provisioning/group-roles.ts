// Group → role mapping (Settings › Provisioning): members of a group mapped to "admin" are
// administrators. Changes go through the people service's changeRoleForWorkspace, so the last active
// administrator rule and the audit row are the admin console's own. A person leaves the admin role only
// when they leave the last admin-mapped group they were in; an administrator made by hand who was never
// in a mapped group is left alone.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimGroupMembers, scimGroups, users } from '../db/tenant-schema';
import type { Actor } from '../authz/actor';
import { changeRoleForWorkspace } from '../people/admin-roles';
import { fail, type ProvisionFailure } from './result';

async function inAnotherAdminGroup(db: TenantDb, userId: string, leavingGroupId: string): Promise<boolean> {
  const row = await db
    .select({ groupId: scimGroupMembers.groupId })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(
      and(
        eq(scimGroupMembers.userId, userId),
        eq(scimGroups.role, 'admin'),
        ne(scimGroups.id, leavingGroupId)
      )
    )
    .get();
  return !!row;
}

/** Makes these people administrators (those who already are stay as they are). */
export async function promoteMembers(db: TenantDb, actor: Actor, userIds: readonly string[]): Promise<void> {
  for (const id of userIds) await changeRoleForWorkspace(db, actor, id, 'admin');
}

/**
 * These people leave an admin-mapped group: each one who is an administrator and in no other
 * admin-mapped group becomes an employee. Stops at the first refusal (the last active administrator)
 * and returns it, so the caller writes no membership change.
 */
export async function demoteLeavingMembers(
  db: TenantDb,
  actor: Actor,
  userIds: readonly string[],
  leavingGroupId: string
): Promise<ProvisionFailure | null> {
  for (const id of userIds) {
    const person = await db.select({ role: users.role }).from(users).where(eq(users.id, id)).get();
    if (person?.role !== 'admin' || (await inAnotherAdminGroup(db, id, leavingGroupId))) continue;
    const changed = await changeRoleForWorkspace(db, actor, id, 'employee');
    if (!changed.ok && changed.code === 'last_admin') return fail('last_admin', changed.message);
  }
  return null;
}

/** Every member of a group, as ids (for mapping changes and group deletion). */
export async function memberIdsOf(db: TenantDb, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ id: scimGroupMembers.userId })
    .from(scimGroupMembers)
    .where(eq(scimGroupMembers.groupId, groupId))
    .orderBy(sql`${scimGroupMembers.addedAt}`);
  return rows.map((r) => r.id);
}
