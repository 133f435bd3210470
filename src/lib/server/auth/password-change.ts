// "Change password" on My profile › Security: the current password is required (and rate limited),
// the new one follows the same rules as everywhere (at least 12 characters), other sessions may be
// ended in the same step.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import { attemptLimit, describeWait, resetLimit, type RateLimitEnv } from '../ratelimit/limits';
import { auditStatement } from '../audit/record';
import { hashPassword, verifyPassword } from './password';

export const PASSWORD_CONFIRM_MESSAGES = {
  wrong: 'That password is not correct.',
  tooMany: (wait: string) => `Too many attempts. Try again in ${wait}.`
} as const;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

/** Re-checks the signed-in user's password (sudo mode, change password). */
export async function confirmPasswordForUser(
  env: RateLimitEnv,
  slug: string,
  db: TenantDb,
  userId: string,
  password: string
): Promise<PasswordCheck> {
  const decision = await attemptLimit(env, slug, 'passwordConfirmUser', userId);
  if (!decision.allowed)
    return { ok: false, message: PASSWORD_CONFIRM_MESSAGES.tooMany(describeWait(decision.retryAfterMs)) };
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { passwordHash: true }
  });
  if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    return { ok: false, message: PASSWORD_CONFIRM_MESSAGES.wrong };
  }
  await resetLimit(env, slug, 'passwordConfirmUser', userId);
  return { ok: true };
}

export async function changePasswordForUser(
  db: TenantDb,
  userId: string,
  newPassword: string
): Promise<void> {
  const hash = await hashPassword(newPassword);
  await db.batch([
    db.update(users).set({ passwordHash: hash, updatedAt: Date.now() }).where(eq(users.id, userId)),
    auditStatement(db, { actorId: userId, action: 'password.changed', entityType: 'user', entityId: userId })
  ]);
}
