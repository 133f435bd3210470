// POST /Users: the identity provider creates a person. Through the same service as Admin › People ›
// Invite (people/invitations.ts), so the rules are the ones an admin meets: no password is ever set
// from SCIM; "sso" people are active and sign in only through single sign-on, "invitation" people
// get the invitation mail and set their own password. Only in an approved domain. The person, their
// scim_users row and their pre-linked sign-in identity are written in one batch with the audit rows
// (actor "Provisioning").
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimUsers, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { inviteUserForWorkspace } from '../people/invitations';
import { setPersonStatusForWorkspace } from '../people/admin-people';
import type { ProvisionedUser } from '../../contracts/scim';
import { getProvisioningSettings } from './settings';
import { insertPrelink, prelinkFor, prelinkTakenByOther } from './sso-prelink';
import {
  checkPersonAttributes,
  fail,
  FORBIDDEN_PROVISIONING,
  type ProvisionContext,
  type ProvisionResult
} from './result';

export async function provisionUserForWorkspace(
  ctx: ProvisionContext,
  db: TenantDb,
  actor: Actor,
  input: ProvisionedUser
): Promise<ProvisionResult<{ userId: string }>> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN_PROVISIONING;
  const problem = await checkPersonAttributes(db, null, input);
  if (problem) return problem;
  const settings = await getProvisioningSettings(db);
  const link = prelinkFor(settings, input);
  if (link && (await prelinkTakenByOther(db, link, null)))
    return fail('uniqueness', `Another person already signs in as ${link.subject} through that connection.`);

  const now = Date.now();
  const invited = await inviteUserForWorkspace(
    ctx,
    db,
    actor,
    {
      name: input.name,
      email: input.email,
      role: 'employee',
      signIn: settings.newPeople === 'sso' ? 'sso' : 'password'
    },
    now,
    (userId) => [
      db
        .update(users)
        .set({ jobTitle: input.title, phone: input.phone, department: input.department })
        .where(eq(users.id, userId)),
      db.insert(scimUsers).values({
        userId,
        userName: input.userName,
        externalId: input.externalId,
        givenName: input.givenName,
        familyName: input.familyName,
        managerId: input.managerId,
        ssoConnectionId: link?.connectionId ?? null,
        ssoSubject: link?.subject ?? null,
        createdAt: now,
        updatedAt: now
      }),
      ...(link ? [insertPrelink(db, link, userId, input.email, now)] : []),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'user.provisioned',
        entityType: 'user',
        entityId: userId,
        after: { userName: input.userName, externalId: input.externalId, signInLinked: !!link }
      })
    ]
  );
  if (!invited.ok)
    return invited.code === 'duplicate'
      ? fail('uniqueness', `The userName ${input.userName} or the email ${input.email} is already taken.`)
      : fail('invalid', invited.message);
  if (!input.active) {
    await setPersonStatusForWorkspace(ctx.env, ctx.slug, db, actor, invited.userId, 'suspended');
  }
  return { ok: true, userId: invited.userId };
}
