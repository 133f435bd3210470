// My profile (seed 000): the signed-in user's own contact details and notification preferences.
// Every statement's WHERE clause is the actor's id; there is no way to name another user here.
import type { Theme } from '../../contracts/enums';
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { notificationPreferences, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import type {
  ContactDetailsInput,
  NotificationPreferencesInput,
  ProfilePatchInput
} from '../../contracts/my';

export interface MyProfile {
  email: string;
  name: string;
  jobTitle: string | null;
  department: string | null;
  phone: string | null;
  theme: Theme;
  renewalAlerts: boolean;
  requestAlerts: boolean;
}

export async function getProfileForUser(db: TenantDb, userId: string): Promise<MyProfile | null> {
  const [u, prefs] = await db.batch([
    db
      .select({
        email: users.email,
        name: users.name,
        jobTitle: users.jobTitle,
        department: users.department,
        phone: users.phone,
        theme: users.theme
      })
      .from(users)
      .where(eq(users.id, userId)),
    db
      .select({
        renewalAlerts: notificationPreferences.renewalAlerts,
        requestAlerts: notificationPreferences.requestAlerts
      })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId))
  ]);
  if (!u[0]) return null;
  // No preferences row yet means the defaults: both alerts on.
  return {
    ...u[0],
    renewalAlerts: prefs[0]?.renewalAlerts ?? true,
    requestAlerts: prefs[0]?.requestAlerts ?? true
  };
}

/** Applies any subset of contact details, preferences and theme in one batch with one audit row. */
export async function updateProfileForUser(
  db: TenantDb,
  userId: string,
  patch: ProfilePatchInput,
  now = Date.now()
): Promise<MyProfile | null> {
  const before = await getProfileForUser(db, userId);
  if (!before) return null;
  const userSet: Partial<typeof users.$inferInsert> = {};
  if (patch.name !== undefined) userSet.name = patch.name;
  // For contact fields "given but empty" clears the value; the schema turns "" into undefined, so a
  // key present in the patch with an undefined value means "clear".
  for (const key of ['jobTitle', 'department', 'phone'] as const) {
    if (key in patch) userSet[key] = patch[key] ?? null;
  }
  if (patch.theme !== undefined) userSet.theme = patch.theme;
  const prefs: Partial<NotificationPreferencesInput> = {};
  if (patch.renewalAlerts !== undefined) prefs.renewalAlerts = patch.renewalAlerts;
  if (patch.requestAlerts !== undefined) prefs.requestAlerts = patch.requestAlerts;

  const after: MyProfile = { ...before, ...userSet, ...prefs } as MyProfile;
  const statements = [];
  if (Object.keys(userSet).length)
    statements.push(
      db
        .update(users)
        .set({ ...userSet, updatedAt: now })
        .where(eq(users.id, userId))
    );
  if (Object.keys(prefs).length) {
    statements.push(
      db
        .insert(notificationPreferences)
        .values({ userId, renewalAlerts: after.renewalAlerts, requestAlerts: after.requestAlerts })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: prefs })
    );
  }
  if (statements.length === 0) return before;
  await db.batch([
    statements[0]!,
    ...statements.slice(1),
    auditStatement(db, {
      actorId: userId,
      action: 'profile.updated',
      entityType: 'user',
      entityId: userId,
      before: changed(before, after),
      after: changed(after, before)
    })
  ]);
  return after;
}

/** Only the keys whose values differ, so the audit row says what changed. */
function changed(a: MyProfile, b: MyProfile): Partial<MyProfile> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(a) as (keyof MyProfile)[]) if (a[k] !== b[k]) out[k] = a[k];
  return out as Partial<MyProfile>;
}

export const updateContactDetailsForUser = (db: TenantDb, userId: string, input: ContactDetailsInput) =>
  updateProfileForUser(db, userId, {
    name: input.name,
    jobTitle: input.jobTitle,
    department: input.department,
    phone: input.phone
  });

export const updateNotificationPreferencesForUser = (
  db: TenantDb,
  userId: string,
  input: NotificationPreferencesInput
) => updateProfileForUser(db, userId, input);
