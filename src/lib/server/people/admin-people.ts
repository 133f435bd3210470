// Admin › People (issue 6): list and search the workspace's users, see a person's assignments,
// suspend / reactivate, reset two-step verification. Every change takes the actor and enforces
// 'admin.people' itself (authz/actor.ts actorCan); its audit row names the actor, in the change's batch.
// Invariants: an admin can't suspend themselves (no locking the last door from inside); status changes
// are conditional UPDATEs so a repeat is a no-op that writes no audit row.
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { containsIgnoringCase } from '../db/like';
import {
  agentDevices,
  hardwareAssets,
  hardwareModels,
  licenceAssignments,
  licences,
  loanPoolItems,
  loans,
  passkeys,
  softwareProducts,
  totpCredentials,
  users
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { revokeAllSessionsForUser, type SessionEnv } from '../auth/session';
import { deleteTotpStatement } from '../auth/totp';
import { revokeTokensOfUserStatements, userIsSuspendedSql } from '../api-tokens/revoke';
import { deleteRecoveryCodesStatement } from '../auth/recovery-codes';
import { PAGE_SIZE, type Paged } from '../../contracts/my';
import { pageOf } from '../paging';
import { anotherActiveAdminExists, LAST_ADMIN_MESSAGE } from './admin-roles';
import { isoDate } from '../dates';
import { actorRefOf, webhookEventStatement } from '../webhooks/events';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';

type UserStatus = (typeof users.$inferSelect)['status'];

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: string;
  status: UserStatus;
  department: string | null;
  jobTitle: string | null;
}

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  status: users.status,
  department: users.department,
  jobTitle: users.jobTitle
};

export async function listPeopleForWorkspace(
  db: TenantDb,
  q: { q?: string; page?: number }
): Promise<Paged<PersonRow>> {
  const page = q.page ?? 1;
  const where = q.q
    ? or(
        containsIgnoringCase(users.name, q.q),
        containsIgnoringCase(users.email, q.q),
        containsIgnoringCase(users.department, q.q)
      )
    : undefined;
  const [rows, total] = await db.batch([
    db
      .select(personColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where)
  ]);
  return pageOf(rows, page, total[0]?.n ?? 0);
}

/** Active people for pickers (lend a loan item, assign hardware). */
export async function listActivePeopleForWorkspace(
  db: TenantDb
): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.status, 'active'))
    .orderBy(asc(users.name));
}

export interface PersonDetail extends PersonRow {
  phone: string | null;
  /** An active account without a password signs in only through SSO (invitations.ts). */
  signIn: 'password' | 'sso_only' | 'invitation_pending';
  createdAt: number;
  twoFactor: { totp: boolean; passkeys: number };
  hardware: { id: string; assetTag: string; model: string; status: string; assignedAt: number | null }[];
  licences: { id: string; product: string; edition: string; assignedAt: number }[];
  loans: { id: string; item: string; assetTag: string; dueDate: string; overdue: boolean }[];
}

export async function getPersonForWorkspace(
  db: TenantDb,
  userId: string,
  now = Date.now()
): Promise<PersonDetail | null> {
  const [rows, totp, keys, hardware, seats, openLoans] = await db.batch([
    db
      .select({
        ...personColumns,
        phone: users.phone,
        createdAt: users.createdAt,
        hasPassword: sql<number>`${users.passwordHash} IS NOT NULL`
      })
      .from(users)
      .where(eq(users.id, userId)),
    db
      .select({ n: count() })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.userId, userId), sql`${totpCredentials.confirmedAt} IS NOT NULL`)),
    db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)),
    db
      .select({
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        model: sql<string>`${hardwareModels.manufacturer} || ' ' || ${hardwareModels.name}`,
        status: hardwareAssets.status,
        assignedAt: hardwareAssets.assignedAt
      })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(hardwareAssets.assignedTo, userId))
      .orderBy(asc(hardwareAssets.assetTag)),
    db
      .select({
        id: licenceAssignments.id,
        product: softwareProducts.name,
        edition: licences.edition,
        assignedAt: licenceAssignments.assignedAt
      })
      .from(licenceAssignments)
      .innerJoin(licences, eq(licences.id, licenceAssignments.licenceId))
      .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
      .where(eq(licenceAssignments.userId, userId))
      .orderBy(asc(softwareProducts.name)),
    db
      .select({
        id: loans.id,
        item: loanPoolItems.name,
        assetTag: loanPoolItems.assetTag,
        dueDate: loans.dueDate
      })
      .from(loans)
      .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
      .where(and(eq(loans.userId, userId), isNull(loans.returnedAt)))
      .orderBy(asc(loans.dueDate))
  ]);
  const found = rows[0];
  if (!found) return null;
  const { hasPassword, ...row } = found;
  const today = isoDate(now);
  return {
    ...row,
    signIn: row.status === 'invited' ? 'invitation_pending' : hasPassword ? 'password' : 'sso_only',
    twoFactor: { totp: (totp[0]?.n ?? 0) > 0, passkeys: keys[0]?.n ?? 0 },
    hardware,
    licences: seats,
    loans: openLoans.map((l) => ({ ...l, overdue: l.dueDate < today }))
  };
}

export type PersonChange =
  | { ok: true }
  | { ok: false; code: 'not_found' | 'self' | 'unchanged' | 'last_admin'; message: string }
  | Forbidden;

/**
 * Suspend or reactivate. Suspending also ends every session at once (the KV copies too), so the person's
 * very next request is signed out; session validation refuses non-active users as a second line.
 * It revokes their personal API tokens in the same batch (api-tokens/revoke.ts); token checks also
 * refuse a non-active owner, so a reactivated person makes new tokens rather than getting old ones back.
 */
export async function setPersonStatusForWorkspace(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  actor: Actor,
  userId: string,
  status: 'active' | 'suspended'
): Promise<PersonChange> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  if (userId === personIdOf(actor) && status === 'suspended')
    return { ok: false, code: 'self', message: 'You can’t suspend your own account.' };
  // A person still invited (no password yet) can be suspended too; reactivating makes them active.
  const from: UserStatus[] = status === 'suspended' ? ['active', 'invited'] : ['suspended'];
  const now = Date.now();
  const who = auditActorOf(actor);
  const [updated] = await db.batch([
    db
      .update(users)
      .set({ status, updatedAt: now })
      // Suspending the last active admin is refused inside the UPDATE (two admins suspending each
      // other at once can't both win).
      .where(
        and(
          eq(users.id, userId),
          inArray(users.status, from),
          status === 'suspended'
            ? sql`(${users.role} <> 'admin' OR ${anotherActiveAdminExists(userId)})`
            : undefined
        )
      )
      .returning({ id: users.id }),
    auditStatementIfChanged(db, {
      ...who,
      action: status === 'suspended' ? 'user.suspended' : 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      before: { status: status === 'suspended' ? 'active' : 'suspended' },
      after: { status }
    }),
    // Suspension also revokes the person's personal API tokens and their device pairing, in the same
    // batch and only if the UPDATE above suspended them (service tokens belong to the workspace).
    ...(status === 'suspended'
      ? [
          ...revokeTokensOfUserStatements(db, who, userId, now, userIsSuspendedSql(userId)),
          db
            .update(agentDevices)
            .set({ status: 'revoked' as const, revokedAt: now, revokedBy: personIdOf(actor) })
            .where(
              and(
                eq(agentDevices.userId, userId),
                eq(agentDevices.status, 'active'),
                userIsSuspendedSql(userId)
              )
            ),
          auditStatementIfChanged(db, {
            ...who,
            action: 'device.revoked',
            entityType: 'user',
            entityId: userId,
            after: { reason: 'account suspended' }
          }),
          webhookEventStatement(
            db,
            'person.suspended',
            { person: { id: userId }, suspendedBy: actorRefOf(actor) },
            {
              now,
              onlyIf: sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND status = 'suspended' AND updated_at = ${now})`
            }
          )
        ]
      : [])
  ]);
  if (updated.length === 0) {
    const exists = await db.select({ status: users.status }).from(users).where(eq(users.id, userId)).get();
    if (!exists) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
    if (status === 'suspended' && exists.status !== 'suspended')
      return { ok: false, code: 'last_admin', message: LAST_ADMIN_MESSAGE };
    return { ok: false, code: 'unchanged', message: `This account is ${exists.status} already.` };
  }
  if (status === 'suspended') await revokeAllSessionsForUser(env, slug, db, userId);
  return { ok: true };
}

/**
 * Reset two-step verification: removes the authenticator app, every passkey and the recovery codes.
 * If the workspace requires two-step verification, the person is asked to set it up again at sign-in.
 */
export async function resetTwoFactorForWorkspace(
  db: TenantDb,
  actor: Actor,
  userId: string
): Promise<PersonChange> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  const exists = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
  if (!exists) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
  await db.batch([
    deleteTotpStatement(db, userId),
    db.delete(passkeys).where(eq(passkeys.userId, userId)),
    deleteRecoveryCodesStatement(db, userId),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'user.two_factor_reset',
      entityType: 'user',
      entityId: userId
    })
  ]);
  return { ok: true };
}
