// The signed-in person's own password on My profile › Security: confirming it (sudo mode) and
// changing it. The current password is required and rate limited (passwordConfirmUser) on both; the
// new one follows the same rules as everywhere (contracts/security.ts); other sessions may be ended
// in the same step. Every caller goes through these functions, so none can skip the check.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import { auditActorOf } from '../authz/actor';
import { attemptLimit, describeWait, resetLimit, type RateLimitEnv } from '../ratelimit/limits';
import { auditStatement } from '../audit/record';
import { hashPassword, verifyPassword } from './password';
import { grantSudo, type SecurityCaller, type SudoEnv } from './sudo';
import { revokeAllSessionsForUser, type SessionEnv } from './session';

export const PASSWORD_CONFIRM_MESSAGES = {
  wrong: 'That password is not correct.',
  tooMany: (wait: string) => `Too many attempts. Try again in ${wait}.`,
  noSession: 'Confirming your password needs a signed-in browser session.'
} as const;

export type PasswordCheck = { ok: true } | { ok: false; code: 'wrong_password'; message: string };

/** Re-checks the person's password, counting the attempt. */
async function confirmPasswordForUser(
  env: RateLimitEnv,
  slug: string,
  db: TenantDb,
  userId: string,
  password: string
): Promise<PasswordCheck> {
  const decision = await attemptLimit(env, slug, 'passwordConfirmUser', userId);
  if (!decision.allowed)
    return {
      ok: false,
      code: 'wrong_password',
      message: PASSWORD_CONFIRM_MESSAGES.tooMany(describeWait(decision.retryAfterMs))
    };
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { passwordHash: true }
  });
  if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    return { ok: false, code: 'wrong_password', message: PASSWORD_CONFIRM_MESSAGES.wrong };
  }
  await resetLimit(env, slug, 'passwordConfirmUser', userId);
  return { ok: true };
}

/** "Confirm your password": the session enters sudo mode for SUDO_TTL_MS. */
export async function confirmPasswordForSudo(
  env: RateLimitEnv & SudoEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller,
  password: string
): Promise<PasswordCheck> {
  if (caller.sessionId === null)
    return { ok: false, code: 'wrong_password', message: PASSWORD_CONFIRM_MESSAGES.noSession };
  const check = await confirmPasswordForUser(env, slug, db, caller.actor.userId, password);
  if (check.ok) await grantSudo(env, slug, caller.sessionId);
  return check;
}

export interface PasswordChangeInput {
  current: string;
  password: string;
  signOutOthers: boolean;
}

/**
 * Changes the person's password after checking the current one; the new hash and its audit row are
 * one batch. The session that did it enters sudo mode (the password was just typed); with
 * `signOutOthers` every other session ends. Returns how many ended.
 */
export async function changeOwnPassword(
  env: RateLimitEnv & SudoEnv & SessionEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller,
  input: PasswordChangeInput
): Promise<{ ok: true; ended: number } | Extract<PasswordCheck, { ok: false }>> {
  const { actor } = caller;
  const check = await confirmPasswordForUser(env, slug, db, actor.userId, input.current);
  if (!check.ok) return check;
  const hash = await hashPassword(input.password);
  await db.batch([
    db.update(users).set({ passwordHash: hash, updatedAt: Date.now() }).where(eq(users.id, actor.userId)),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'password.changed',
      entityType: 'user',
      entityId: actor.userId
    })
  ]);
  if (caller.sessionId !== null) await grantSudo(env, slug, caller.sessionId);
  const ended = input.signOutOthers
    ? await revokeAllSessionsForUser(env, slug, db, actor.userId, caller.sessionId ?? undefined)
    : 0;
  return { ok: true, ended };
}
