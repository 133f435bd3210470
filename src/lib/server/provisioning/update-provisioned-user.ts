// PUT /Users/{id} and PATCH /Users/{id} (after the patch is applied to the current resource): the
// identity provider states a person's attributes. `active` goes through the same suspend / reactivate
// service as Admin › People (sessions end on the next request, pairing and API tokens revoked, the last
// active administrator kept); the attributes are one conditional batch with one audit row listing what
// changed. A person an admin created before provisioning gets their scim_users row here ("adopted").
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimUsers, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { setPersonStatusForWorkspace } from '../people/admin-people';
import type { ProvisionedUser } from '../../contracts/scim';
import { getScimUserForWorkspace } from './scim-users-read';
import { getProvisioningSettings } from './settings';
import { deletePrelink, insertPrelink, prelinkFor, prelinkTakenByOther } from './sso-prelink';
import {
  checkPersonAttributes,
  fail,
  FORBIDDEN_PROVISIONING,
  NOT_FOUND,
  type ProvisionContext,
  type ProvisionResult
} from './result';

const sameText = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');

export async function updateProvisionedUserForWorkspace(
  ctx: ProvisionContext,
  db: TenantDb,
  actor: Actor,
  userId: string,
  input: ProvisionedUser
): Promise<ProvisionResult> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  const current = await getScimUserForWorkspace(db, userId);
  if (!current) return NOT_FOUND;
  const stored = await db.select().from(scimUsers).where(eq(scimUsers.userId, userId)).get();
  const currentUserName = current.userName ?? current.email;
  const problem = await checkPersonAttributes(db, userId, input, {
    userName: currentUserName.toLowerCase() !== input.userName.toLowerCase(),
    email: current.email !== input.email
  });
  if (problem) return problem;
  const settings = await getProvisioningSettings(db);
  const link = prelinkFor(settings, input);
  if (link && (await prelinkTakenByOther(db, link, userId)))
    return fail('uniqueness', `Another person already signs in as ${link.subject} through that connection.`);

  // Status first: a refused deactivation (the last active administrator) changes nothing else.
  const suspended = current.status === 'suspended';
  if (input.active === suspended) {
    const status = input.active ? 'active' : 'suspended';
    const changed = await setPersonStatusForWorkspace(ctx.env, ctx.slug, db, actor, userId, status);
    if (!changed.ok && changed.code === 'last_admin') return fail('last_admin', changed.message);
    if (!changed.ok && changed.code === 'not_found') return NOT_FOUND;
  }

  const before = {
    userName: currentUserName,
    externalId: current.externalId,
    email: current.email,
    name: current.name,
    givenName: current.givenName,
    familyName: current.familyName,
    title: current.jobTitle,
    phone: current.phone,
    department: current.department,
    managerId: current.managerId
  };
  const after = {
    userName: input.userName,
    externalId: input.externalId,
    email: input.email,
    name: input.name,
    givenName: input.givenName,
    familyName: input.familyName,
    title: input.title,
    phone: input.phone,
    department: input.department,
    managerId: input.managerId
  };
  const keys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !sameText(before[k], after[k]));
  const oldLink =
    stored?.ssoConnectionId && stored.ssoSubject
      ? { connectionId: stored.ssoConnectionId, subject: stored.ssoSubject }
      : null;
  const linkMoves = oldLink?.connectionId !== link?.connectionId || oldLink?.subject !== link?.subject;
  if (keys.length === 0 && stored && !linkMoves) return { ok: true };

  const now = Date.now();
  const scimValues = {
    userName: input.userName,
    externalId: input.externalId,
    givenName: input.givenName,
    familyName: input.familyName,
    managerId: input.managerId,
    ssoConnectionId: link?.connectionId ?? null,
    ssoSubject: link?.subject ?? null,
    updatedAt: now
  };
  await db.batch([
    db
      .update(users)
      .set({
        name: input.name,
        email: input.email,
        jobTitle: input.title,
        phone: input.phone,
        department: input.department,
        updatedAt: now
      })
      .where(eq(users.id, userId)),
    db
      .insert(scimUsers)
      .values({ userId, createdAt: now, ...scimValues })
      .onConflictDoUpdate({ target: scimUsers.userId, set: scimValues }),
    ...(linkMoves && oldLink ? [deletePrelink(db, oldLink, userId)] : []),
    ...(linkMoves && link ? [insertPrelink(db, link, userId, input.email, now)] : []),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: stored ? 'user.provisioned_updated' : 'user.provisioning_adopted',
      entityType: 'user',
      entityId: userId,
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]]))
    })
  ]);
  return { ok: true };
}
