// Authenticator-app codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift
// either way). The seed is sealed at rest (secret-box.ts). A code is accepted once: the highest
// accepted time step is stored and the UPDATE that records a new one is conditional on it being
// higher, so two concurrent submissions of the same code cannot both succeed.
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { TenantDb } from '../db';
import { totpCredentials } from '../db/tenant-schema';
import { openSecret, type SecretBoxEnv } from './secret-box';
import { auditStatementIfChanged } from '../audit/guarded';
import type { AuditEntry } from '../audit/record';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const TOTP_DRIFT_STEPS = 1;

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
export async function openOrNull(
  env: SecretBoxEnv,
  userId: string,
  sealed: string
): Promise<Uint8Array | null> {
  try {
    return await openSecret(env, userId, sealed);
  } catch (err) {
    console.error(JSON.stringify({ event: 'auth.totp.unsealable_secret', error: String(err) }));
    return null;
  }
}

/**
 * Checks a code against the user's authenticator and records its step. `mode` selects which
 * credential: the unconfirmed one while setting up (the code turns it on), the confirmed one at the
 * sign-in challenge.
 */
export async function acceptTotpCodeForUser(
  env: SecretBoxEnv,
  db: TenantDb,
  userId: string,
  code: string,
  mode: 'sign-in' | 'confirm-enrolment',
  options: { nowMs?: number; audit?: AuditEntry } = {}
): Promise<boolean> {
  const nowMs = options.nowMs ?? Date.now();
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
  const accept = db
    .update(totpCredentials)
    .set({ lastUsedStep: step, ...(mode === 'confirm-enrolment' ? { confirmedAt: nowMs } : {}) })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        eq(totpCredentials.secretEncrypted, row.secretEncrypted),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))
      )
    );
  // The audit row, when asked for, is written in the same batch and only if this code won the step.
  const [result] = options.audit
    ? await db.batch([accept, auditStatementIfChanged(db, options.audit)])
    : [await accept];
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
