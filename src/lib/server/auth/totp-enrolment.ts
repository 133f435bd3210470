// Setting up an authenticator app (seed 000 "Set up two-step verification"), for the person acting.
// The rules live here, not in the caller: a confirmed authenticator is never replaced (turn it off
// first, factor-changes.ts); confirming counts the attempt (twoFactorUser, the same limit as the
// sign-in challenge); the credential turning on and its audit row are one batch; the first factor
// brings the first set of recovery codes.
import { and, eq, isNull } from 'drizzle-orm';
import { createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { TenantDb } from '../db';
import { totpCredentials } from '../db/tenant-schema';
import { auditActorOf, type UserActor } from '../authz/actor';
import { attemptLimit, describeWait, resetLimit, type RateLimitEnv } from '../ratelimit/limits';
import { sealSecret, type SecretBoxEnv } from './secret-box';
import { acceptTotpCodeForUser, openOrNull, TOTP_DIGITS, TOTP_PERIOD_S } from './totp';
import { ensureRecoveryCodes } from './factor-changes';

const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommended length

export const TOTP_ENROLMENT_MESSAGES = {
  wrongCode: 'That code didn’t work. Check the time on your phone and enter the current code.',
  tooMany: (wait: string) => `Too many attempts. Try again in ${wait}.`
} as const;

export interface PendingTotp {
  /** Base32, shown for manual entry. */
  secret: string;
  /** otpauth:// URI for the QR code. */
  uri: string;
}

/** Who the authenticator app lists the account as: the person's email under the workspace's issuer. */
export interface TotpLabel {
  email: string;
  issuer: string;
}

function pendingFromKey(key: Uint8Array, label: TotpLabel): PendingTotp {
  return {
    secret: encodeBase32UpperCaseNoPadding(key),
    uri: createTOTPKeyURI(label.issuer, label.email, key, TOTP_PERIOD_S, TOTP_DIGITS)
  };
}

/**
 * Starts (or restarts) enrolment: a new sealed secret, not yet confirmed, replaces any unconfirmed
 * one. Null when an authenticator is already on.
 */
export async function beginTotpEnrolment(
  env: SecretBoxEnv,
  db: TenantDb,
  actor: UserActor,
  label: TotpLabel
): Promise<PendingTotp | null> {
  const userId = actor.userId;
  const existing = await db.query.totpCredentials.findFirst({ where: eq(totpCredentials.userId, userId) });
  if (existing?.confirmedAt) return null;
  const key = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  const sealed = await sealSecret(env, userId, key);
  await db
    .insert(totpCredentials)
    .values({ userId, secretEncrypted: sealed, lastUsedStep: null, confirmedAt: null, createdAt: Date.now() })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secretEncrypted: sealed, lastUsedStep: null, createdAt: Date.now() },
      setWhere: isNull(totpCredentials.confirmedAt)
    });
  return pendingFromKey(key, label);
}

/** The unconfirmed enrolment again (page reload during setup), or null. */
export async function pendingTotpForUser(
  env: SecretBoxEnv,
  db: TenantDb,
  userId: string,
  label: TotpLabel
): Promise<PendingTotp | null> {
  const row = await db.query.totpCredentials.findFirst({
    where: and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt))
  });
  if (!row) return null;
  const key = await openOrNull(env, userId, row.secretEncrypted);
  return key ? pendingFromKey(key, label) : null;
}

/** Forgets an unconfirmed enrolment (a confirmed authenticator is untouched). */
export async function cancelTotpEnrolment(db: TenantDb, actor: UserActor): Promise<void> {
  await db
    .delete(totpCredentials)
    .where(and(eq(totpCredentials.userId, actor.userId), isNull(totpCredentials.confirmedAt)));
}

export type TotpConfirmResult =
  | { ok: true; recoveryCodes: string[] | null }
  | { ok: false; code: 'rate_limited' | 'wrong_code'; message: string };

/** "Verify": the current code turns the authenticator on. */
export async function confirmTotpEnrolment(
  env: SecretBoxEnv & RateLimitEnv,
  slug: string,
  db: TenantDb,
  actor: UserActor,
  code: string
): Promise<TotpConfirmResult> {
  const decision = await attemptLimit(env, slug, 'twoFactorUser', actor.userId);
  if (!decision.allowed)
    return {
      ok: false,
      code: 'rate_limited',
      message: TOTP_ENROLMENT_MESSAGES.tooMany(describeWait(decision.retryAfterMs))
    };
  const accepted = await acceptTotpCodeForUser(env, db, actor.userId, code, 'confirm-enrolment', {
    audit: { ...auditActorOf(actor), action: 'totp.enabled', entityType: 'user', entityId: actor.userId }
  });
  if (!accepted) return { ok: false, code: 'wrong_code', message: TOTP_ENROLMENT_MESSAGES.wrongCode };
  await resetLimit(env, slug, 'twoFactorUser', actor.userId);
  return { ok: true, recoveryCodes: await ensureRecoveryCodes(db, actor) };
}
