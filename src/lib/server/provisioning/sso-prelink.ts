// The single sign-on identity a provisioned person will sign in with, written before their first
// sign-in: (the connection chosen in Settings › Provisioning, the value of the chosen SCIM attribute).
// sso/resolve-user.ts then finds them by (connection, subject) - rule 2 - and never links a provisioned
// account by email alone. Invariant: one (connection, subject) names one person; a clash is the
// provider's uniqueness error, not a silent re-link.
import { and, eq, ne } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { ssoIdentities } from '../db/tenant-schema';
import type { ProvisionedUser } from '../../contracts/scim';
import type { ProvisioningSettings } from './settings';

export interface PrelinkTarget {
  connectionId: string;
  subject: string;
}

export function prelinkFor(settings: ProvisioningSettings, input: ProvisionedUser): PrelinkTarget | null {
  if (!settings.connectionId) return null;
  const subject = settings.subjectAttribute === 'userName' ? input.userName : input.externalId;
  return subject ? { connectionId: settings.connectionId, subject } : null;
}

/** True when this (connection, subject) already signs in as somebody other than `userId`. */
export async function prelinkTakenByOther(
  db: TenantDb,
  target: PrelinkTarget,
  userId: string | null
): Promise<boolean> {
  const row = await db
    .select({ userId: ssoIdentities.userId })
    .from(ssoIdentities)
    .where(
      and(
        eq(ssoIdentities.connectionId, target.connectionId),
        eq(ssoIdentities.subject, target.subject),
        userId ? ne(ssoIdentities.userId, userId) : undefined
      )
    )
    .get();
  return !!row;
}

export function insertPrelink(
  db: TenantDb,
  target: PrelinkTarget,
  userId: string,
  email: string,
  now: number
) {
  return db
    .insert(ssoIdentities)
    .values({ ...target, userId, email, createdAt: now, lastUsedAt: now })
    .onConflictDoNothing();
}

/** Removes the identity provisioning wrote earlier (only that one, only for this person). */
export function deletePrelink(db: TenantDb, target: PrelinkTarget, userId: string) {
  return db
    .delete(ssoIdentities)
    .where(
      and(
        eq(ssoIdentities.connectionId, target.connectionId),
        eq(ssoIdentities.subject, target.subject),
        eq(ssoIdentities.userId, userId)
      )
    );
}
