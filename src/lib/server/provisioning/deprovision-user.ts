// DELETE /Users/{id}. OnTrackio never deletes a person the identity provider removes: their hardware,
// loans and history must stay visible so IT can recover the equipment. The person is suspended through
// the admin console's service (sessions, pairing, API tokens end; the last active administrator is
// kept), leaves every SCIM group, loses the sign-in identity provisioning pre-linked, and is no longer
// a SCIM resource (a later GET answers 404, RFC 7644 §3.6). An admin can still reactivate them.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimGroupMembers, scimUsers } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { setPersonStatusForWorkspace } from '../people/admin-people';
import { getScimUserForWorkspace } from './scim-users-read';
import { deletePrelink } from './sso-prelink';
import {
  fail,
  FORBIDDEN_PROVISIONING,
  NOT_FOUND,
  type ProvisionContext,
  type ProvisionResult
} from './result';

export async function deprovisionUserForWorkspace(
  ctx: ProvisionContext,
  db: TenantDb,
  actor: Actor,
  userId: string
): Promise<ProvisionResult> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  const current = await getScimUserForWorkspace(db, userId);
  if (!current) return NOT_FOUND;
  if (current.status !== 'suspended') {
    const changed = await setPersonStatusForWorkspace(ctx.env, ctx.slug, db, actor, userId, 'suspended');
    if (!changed.ok && changed.code === 'last_admin') return fail('last_admin', changed.message);
  }
  const stored = await db.select().from(scimUsers).where(eq(scimUsers.userId, userId)).get();
  const now = Date.now();
  await db.batch([
    db
      .insert(scimUsers)
      .values({ userId, userName: current.email, createdAt: now, updatedAt: now, deprovisionedAt: now })
      .onConflictDoUpdate({
        target: scimUsers.userId,
        set: { deprovisionedAt: now, ssoConnectionId: null, ssoSubject: null, updatedAt: now }
      }),
    db.delete(scimGroupMembers).where(eq(scimGroupMembers.userId, userId)),
    ...(stored?.ssoConnectionId && stored.ssoSubject
      ? [deletePrelink(db, { connectionId: stored.ssoConnectionId, subject: stored.ssoSubject }, userId)]
      : []),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'user.deprovisioned',
      entityType: 'user',
      entityId: userId,
      before: {
        userName: current.userName ?? current.email,
        groups: current.groups.map((g) => g.displayName)
      }
    })
  ]);
  return { ok: true };
}
