// Turning second factors on and off for the signed-in user (My profile › Security). Invariants:
//  - recovery codes exist exactly while the user has a second factor: the first factor creates a
//    set (shown once), removing the last factor deletes them;
//  - while the workspace requires two-step verification, the last factor cannot be removed.
import type { TenantDb } from '../db';
import { auditStatement } from '../audit/record';
import { deleteTotpStatement } from './totp';
import {
  countUnusedRecoveryCodesForUser,
  deleteRecoveryCodesStatement,
  newRecoveryCodeSetStatements
} from './recovery-codes';
import { hasSecondFactor, twoFactorFactsForUser } from './two-factor-status';
import { removePasskeyForUser } from './passkeys';

export const FACTOR_MESSAGES = {
  lastFactorRequired:
    'Your workspace requires two-step verification. Add another method before removing this one.'
} as const;

/** After a factor was added: the first set of recovery codes if the user has none yet. */
export async function ensureRecoveryCodesForUser(db: TenantDb, userId: string): Promise<string[] | null> {
  const { total } = await countUnusedRecoveryCodesForUser(db, userId);
  if (total > 0) return null;
  return regenerateRecoveryCodesForUser(db, userId);
}

export async function regenerateRecoveryCodesForUser(db: TenantDb, userId: string): Promise<string[]> {
  const { codes, statements } = newRecoveryCodeSetStatements(db, userId);
  await db.batch([
    ...statements,
    auditStatement(db, {
      actorId: userId,
      action: 'recovery_codes.generated',
      entityType: 'user',
      entityId: userId
    })
  ]);
  return codes;
}

type Removal = { ok: true } | { ok: false; message: string };

async function guardLastFactor(
  db: TenantDb,
  userId: string,
  removing: 'totp' | 'passkey'
): Promise<Removal & { wasLast?: boolean }> {
  const facts = await twoFactorFactsForUser(db, userId);
  const after = {
    totp: removing === 'totp' ? false : facts.totp,
    passkeys: removing === 'passkey' ? facts.passkeys - 1 : facts.passkeys
  };
  const wasLast = !hasSecondFactor(after);
  if (wasLast && facts.required) return { ok: false, message: FACTOR_MESSAGES.lastFactorRequired };
  return { ok: true, wasLast };
}

export async function turnOffTotpForUser(db: TenantDb, userId: string): Promise<Removal> {
  const guard = await guardLastFactor(db, userId, 'totp');
  if (!guard.ok) return guard;
  await db.batch([
    deleteTotpStatement(db, userId),
    ...(guard.wasLast ? [deleteRecoveryCodesStatement(db, userId)] : []),
    auditStatement(db, { actorId: userId, action: 'totp.disabled', entityType: 'user', entityId: userId })
  ]);
  return { ok: true };
}

export async function removeOwnPasskey(db: TenantDb, userId: string, passkeyId: string): Promise<Removal> {
  const guard = await guardLastFactor(db, userId, 'passkey');
  if (!guard.ok) return guard;
  const removed = await removePasskeyForUser(db, userId, passkeyId);
  if (!removed) return { ok: false, message: 'That passkey no longer exists.' };
  const facts = await twoFactorFactsForUser(db, userId);
  if (!hasSecondFactor(facts)) await deleteRecoveryCodesStatement(db, userId);
  return { ok: true };
}
