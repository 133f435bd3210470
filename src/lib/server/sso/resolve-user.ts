// Who an SSO identity signs in as. Rules (seed 002, issue 8):
//   1. the email's domain must be an approved company domain, on every sign-in;
//   2. a known (connection, subject) signs in as its linked user - never a lookup by email alone;
//   3. otherwise an ACTIVE account with the same, provider-verified email is linked - unless the identity
//      provider provisioned it (scim_users): such an account signs in only through the identity that
//      provisioning pre-linked (provisioning/sso-prelink.ts), never by email alone;
//   4. otherwise, if "create accounts on first sign-in" is on, an employee account is created;
//   5. suspended / not-yet-activated accounts are refused ("This account is not active").
import { and, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { scimUsers, ssoIdentities, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { isCreateAccountsOn, listApprovedDomains } from './connections';
import type { VerifiedIdentity } from './id-token';

export type SsoRefusal = 'domain' | 'inactive' | 'no_account' | 'email_unverified';
export type SsoResolution =
  | { ok: true; userId: string; role: string; created: boolean; linked: boolean }
  | { ok: false; code: SsoRefusal };

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export async function resolveSsoUser(
  db: TenantDb,
  connectionId: string,
  identity: VerifiedIdentity,
  ipAddress: string | null
): Promise<SsoResolution> {
  if (!identity.email || !identity.emailVerified) return { ok: false, code: 'email_unverified' };
  const email = identity.email;
  const approved = await listApprovedDomains(db);
  if (!approved.includes(emailDomain(email))) return { ok: false, code: 'domain' };
  const now = Date.now();

  const known = await db
    .select({ userId: users.id, status: users.status, role: users.role })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.connectionId, connectionId), eq(ssoIdentities.subject, identity.subject)))
    .get();
  if (known) {
    if (known.status !== 'active') return { ok: false, code: 'inactive' };
    await db
      .update(ssoIdentities)
      .set({ lastUsedAt: now, email })
      .where(and(eq(ssoIdentities.connectionId, connectionId), eq(ssoIdentities.subject, identity.subject)));
    return { ok: true, userId: known.userId, role: known.role, created: false, linked: false };
  }

  const existing = await db.query.users.findFirst({
    where: eq(users.email, email),
    columns: { id: true, status: true, role: true }
  });
  if (existing) {
    if (existing.status !== 'active') return { ok: false, code: 'inactive' };
    const provisioned = await db.query.scimUsers.findFirst({
      where: eq(scimUsers.userId, existing.id),
      columns: { userId: true }
    });
    if (provisioned) return { ok: false, code: 'no_account' };
    // onConflictDoNothing: two tabs finishing the same first sign-in link once.
    await db.batch([
      db
        .insert(ssoIdentities)
        .values({
          connectionId,
          subject: identity.subject,
          userId: existing.id,
          email,
          createdAt: now,
          lastUsedAt: now
        })
        .onConflictDoNothing(),
      auditStatement(db, {
        actorId: existing.id,
        action: 'sso.identity_linked',
        entityType: 'user',
        entityId: existing.id,
        after: { connectionId, subject: identity.subject },
        ipAddress
      })
    ]);
    return { ok: true, userId: existing.id, role: existing.role, created: false, linked: true };
  }

  if (!(await isCreateAccountsOn(db))) return { ok: false, code: 'no_account' };
  const userId = crypto.randomUUID();
  const name = identity.name?.trim() || email.slice(0, email.indexOf('@'));
  await db.batch([
    db.insert(users).values({
      id: userId,
      email,
      name,
      role: 'employee',
      status: 'active',
      passwordHash: null,
      createdAt: now,
      updatedAt: now
    }),
    db
      .insert(ssoIdentities)
      .values({ connectionId, subject: identity.subject, userId, email, createdAt: now, lastUsedAt: now }),
    auditStatement(db, {
      actorId: userId,
      action: 'user.created_by_sso',
      entityType: 'user',
      entityId: userId,
      after: { email, connectionId, subject: identity.subject },
      ipAddress
    })
  ]);
  return { ok: true, userId, role: 'employee', created: true, linked: false };
}
