// Authenticator-app codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift
// either way). The seed is sealed at rest (secret-box.ts). A code is accepted once: the highest
// accepted time step is stored and the UPDATE that records a new one is conditional on it being
// higher, so two concurrent submissions of the same code cannot both succeed.
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { TenantDb } from '../db';
import { totpCredentials } from '../db/tenant-schema';
import { openSecret, sealSecret, type SecretBoxEnv } from './secret-box';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const TOTP_DRIFT_STEPS = 1;
const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommended length

export const currentStep = (nowMs = Date.now()) => Math.floor(nowMs / 1000 / TOTP_PERIOD_S);

/** The step a code belongs to (within the drift window), or null. Constant-time per comparison. */
export function matchingStep(key: Uint8Array, code: string, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = currentStep(nowMs);
  let found: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS));
    if (constantTimeEqual(expected, new TextEncoder().encode(code)) && found === null) found = step;
  }
  return found;
}

/** A sealed secret that no longer opens (key rotated without re-encryption) counts as no secret. */
async function openOrNull(env: SecretBoxEnv, userId: string, sealed: string): Promise<Uint8Array | null> {
  try {
    return await openSecret(env, userId, sealed);
  } catch (err) {
    console.error(JSON.stringify({ event: 'auth.totp.unsealable_secret', error: String(err) }));
    return null;
  }
}

export interface PendingTotp {
  /** Base32, shown for manual entry. */
  secret: string;
  /** otpauth:// URI for the QR code. */
  uri: string;
}

/**
 * Starts (or restarts) enrolment: a new sealed secret, not yet confirmed, replaces any unconfirmed
 * one. A confirmed authenticator is never replaced here (turn it off first).
 */
export async function beginTotpEnrolmentForUser(
  env: SecretBoxEnv,
  db: TenantDb,
  user: { id: string; email: string },
  issuer: string
): Promise<PendingTotp | null> {
  const existing = await db.query.totpCredentials.findFirst({ where: eq(totpCredentials.userId, user.id) });
  if (existing?.confirmedAt) return null;
  const key = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  const sealed = await sealSecret(env, user.id, key);
  await db
    .insert(totpCredentials)
    .values({
      userId: user.id,
      secretEncrypted: sealed,
      lastUsedStep: null,
      confirmedAt: null,
      createdAt: Date.now()
    })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secretEncrypted: sealed, lastUsedStep: null, createdAt: Date.now() },
      setWhere: isNull(totpCredentials.confirmedAt)
    });
  return pendingFromKey(key, user.email, issuer);
}

function pendingFromKey(key: Uint8Array, email: string, issuer: string): PendingTotp {
  return {
    secret: encodeBase32UpperCaseNoPadding(key),
    uri: createTOTPKeyURI(issuer, email, key, TOTP_PERIOD_S, TOTP_DIGITS)
  };
}

/** The unconfirmed enrolment again (page reload during setup), or null. */
export async function pendingTotpForUser(
  env: SecretBoxEnv,
  db: TenantDb,
  user: { id: string; email: string },
  issuer: string
): Promise<PendingTotp | null> {
  const row = await db.query.totpCredentials.findFirst({
    where: and(eq(totpCredentials.userId, user.id), isNull(totpCredentials.confirmedAt))
  });
  if (!row) return null;
  const key = await openOrNull(env, user.id, row.secretEncrypted);
  return key ? pendingFromKey(key, user.email, issuer) : null;
}

/**
 * Checks a code against the user's authenticator and records its step. `confirmed` selects which
 * credential: false while setting up (the code turns it on), true at the sign-in challenge.
 */
export async function acceptTotpCodeForUser(
  env: SecretBoxEnv,
  db: TenantDb,
  userId: string,
  code: string,
  mode: 'sign-in' | 'confirm-enrolment',
  nowMs = Date.now()
): Promise<boolean> {
  const row = await db.query.totpCredentials.findFirst({
    where: and(
      eq(totpCredentials.userId, userId),
      mode === 'sign-in' ? isNotNull(totpCredentials.confirmedAt) : isNull(totpCredentials.confirmedAt)
    )
  });
  if (!row) return false;
  const key = await openOrNull(env, userId, row.secretEncrypted);
  if (!key) return false;
  const step = matchingStep(key, code, nowMs);
  if (step === null) return false;
  const result = await db
    .update(totpCredentials)
    .set({ lastUsedStep: step, ...(mode === 'confirm-enrolment' ? { confirmedAt: nowMs } : {}) })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        eq(totpCredentials.secretEncrypted, row.secretEncrypted),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))
      )
    );
  return result.meta.changes === 1;
}

export async function hasConfirmedTotp(db: TenantDb, userId: string): Promise<boolean> {
  const row = await db.query.totpCredentials.findFirst({
    where: and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)),
    columns: { userId: true }
  });
  return !!row;
}

export function deleteTotpStatement(db: TenantDb, userId: string) {
  return db.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
}

/** Forgets an unconfirmed enrolment (a confirmed authenticator is untouched). */
export async function cancelTotpEnrolmentForUser(db: TenantDb, userId: string): Promise<void> {
  await db
    .delete(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)));
}
