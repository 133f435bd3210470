// Groups from the identity provider: create, change (membership deltas, rename), delete. Members are
// people of this workspace (their SCIM ids); an unknown id is refused, not skipped. When the group is
// mapped to a role, role changes happen before the membership is written, and a refusal (the last active
// administrator) leaves the group as it was. Every change is audited with the actor "Provisioning".
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimGroupMembers, scimGroups, scimUsers, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import type { GroupInput } from '../../contracts/scim';
import type { GroupChange } from '../scim/group-patch';
import { demoteLeavingMembers, memberIdsOf, promoteMembers } from './group-roles';
import { fail, FORBIDDEN_PROVISIONING, type ProvisionResult } from './result';

// D1 binds at most 100 parameters per statement.
const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

const GROUP_NOT_FOUND = fail('not_found', 'No group with that id in this workspace.');

async function displayNameTaken(db: TenantDb, name: string, exceptId: string | null): Promise<boolean> {
  const row = await db
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(
      and(
        sql`lower(${scimGroups.displayName}) = ${name.toLowerCase()}`,
        exceptId ? ne(scimGroups.id, exceptId) : undefined
      )
    )
    .get();
  return !!row;
}

/** The ids that are not people of this workspace (or were deprovisioned). */
async function unknownPeople(db: TenantDb, ids: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], 90)) {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
      .where(and(inArray(users.id, part), sql`${scimUsers.deprovisionedAt} IS NULL`));
    for (const r of rows) found.add(r.id);
  }
  return ids.filter((id) => !found.has(id));
}

export async function createScimGroupForWorkspace(
  db: TenantDb,
  actor: Actor,
  input: GroupInput,
  members: readonly string[]
): Promise<ProvisionResult<{ groupId: string }>> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  if (await displayNameTaken(db, input.displayName, null))
    return fail('uniqueness', `A group named ${input.displayName} already exists.`);
  const unknown = await unknownPeople(db, members);
  if (unknown.length) return fail('invalid', `No user with id ${unknown[0]} in this workspace.`);
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db.insert(scimGroups).values({ id, ...input, createdAt: now, updatedAt: now }),
    ...chunks([...new Set(members)], 30).map((part) =>
      db.insert(scimGroupMembers).values(part.map((userId) => ({ groupId: id, userId, addedAt: now })))
    ),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'scim_group.created',
      entityType: 'scim_group',
      entityId: id,
      after: { displayName: input.displayName, members: members.length }
    })
  ]);
  return { ok: true, groupId: id };
}

export async function changeScimGroupForWorkspace(
  db: TenantDb,
  actor: Actor,
  groupId: string,
  change: GroupChange
): Promise<ProvisionResult> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  const group = await db.select().from(scimGroups).where(eq(scimGroups.id, groupId)).get();
  if (!group) return GROUP_NOT_FOUND;
  const renamed = change.displayName !== undefined && change.displayName !== group.displayName;
  if (renamed && change.displayName!.trim() === '') return fail('invalid', 'displayName is required.');
  if (renamed && (await displayNameTaken(db, change.displayName!, groupId)))
    return fail('uniqueness', `A group named ${change.displayName} already exists.`);

  const current = new Set(await memberIdsOf(db, groupId));
  const wanted = change.replaceMembers ? new Set(change.replaceMembers) : null;
  const toAdd = [...new Set(wanted ? [...wanted] : change.add)].filter((id) => !current.has(id));
  const toRemove = wanted
    ? [...current].filter((id) => !wanted.has(id))
    : [...new Set(change.remove)].filter((id) => current.has(id));
  const unknown = await unknownPeople(db, toAdd);
  if (unknown.length) return fail('invalid', `No user with id ${unknown[0]} in this workspace.`);
  const externalChanged = change.externalId !== undefined && change.externalId !== group.externalId;
  if (!renamed && !externalChanged && toAdd.length === 0 && toRemove.length === 0) return { ok: true };

  if (group.role === 'admin') {
    const refused = await demoteLeavingMembers(db, actor, toRemove, groupId);
    if (refused) return refused;
  }
  const now = Date.now();
  await db.batch([
    db
      .update(scimGroups)
      .set({
        ...(renamed ? { displayName: change.displayName!.trim() } : {}),
        ...(externalChanged ? { externalId: change.externalId } : {}),
        updatedAt: now
      })
      .where(eq(scimGroups.id, groupId)),
    ...chunks(toAdd, 30).map((part) =>
      db
        .insert(scimGroupMembers)
        .values(part.map((userId) => ({ groupId, userId, addedAt: now })))
        .onConflictDoNothing()
    ),
    ...chunks(toRemove, 90).map((part) =>
      db
        .delete(scimGroupMembers)
        .where(and(eq(scimGroupMembers.groupId, groupId), inArray(scimGroupMembers.userId, part)))
    ),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'scim_group.updated',
      entityType: 'scim_group',
      entityId: groupId,
      before: renamed ? { displayName: group.displayName } : undefined,
      after: {
        ...(renamed ? { displayName: change.displayName } : {}),
        ...(toAdd.length ? { added: toAdd } : {}),
        ...(toRemove.length ? { removed: toRemove } : {})
      }
    })
  ]);
  if (group.role === 'admin') await promoteMembers(db, actor, toAdd);
  return { ok: true };
}

export async function deleteScimGroupForWorkspace(
  db: TenantDb,
  actor: Actor,
  groupId: string
): Promise<ProvisionResult> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  const group = await db.select().from(scimGroups).where(eq(scimGroups.id, groupId)).get();
  if (!group) return GROUP_NOT_FOUND;
  if (group.role === 'admin') {
    const refused = await demoteLeavingMembers(db, actor, await memberIdsOf(db, groupId), groupId);
    if (refused) return refused;
  }
  await db.batch([
    db.delete(scimGroups).where(eq(scimGroups.id, groupId)),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'scim_group.deleted',
      entityType: 'scim_group',
      entityId: groupId,
      before: { displayName: group.displayName, role: group.role }
    })
  ]);
  return { ok: true };
}
