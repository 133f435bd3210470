// Turning second factors off and replacing recovery codes: the person's own, from My profile ›
// Security or any other caller (a personal API token one day). Every rule is enforced here, not in
// the caller:
//  - sudo mode: each of these needs the password confirmed on this session in the last few minutes
//    (sudo.ts); a caller without a browser session never has it;
//  - recovery codes exist exactly while the user has a second factor: the first factor creates a set
//    (shown once), removing the last factor deletes them, and new codes need a factor first;
//  - while the workspace requires two-step verification, the last factor cannot be removed;
//  - each change and its audit row (with the actor) are one db.batch.
import { and, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { passkeys, recoveryCodes } from '../db/tenant-schema';
import { auditActorOf, type UserActor } from '../authz/actor';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { deleteTotpStatement } from './totp';
import {
  countUnusedRecoveryCodesForUser,
  deleteRecoveryCodesStatement,
  newRecoveryCodeSetStatements
} from './recovery-codes';
import { hasSecondFactor, twoFactorFactsForUser } from './two-factor-status';
import { inSudoMode, SUDO_REQUIRED, type SecurityCaller, type SudoEnv, type SudoRequired } from './sudo';

export const FACTOR_MESSAGES = {
  lastFactorRequired:
    'Your workspace requires two-step verification. Add another method before removing this one.',
  secondFactorFirst: 'Set up an authenticator app or a passkey first.',
  passkeyGone: 'That passkey no longer exists.'
} as const;

export type FactorChangeFailure =
  | SudoRequired
  | { ok: false; code: 'last_factor_required' | 'second_factor_first' | 'not_found'; message: string };

/** After a factor was added: the first set of recovery codes if the user has none yet (no sudo). */
export async function ensureRecoveryCodes(db: TenantDb, actor: UserActor): Promise<string[] | null> {
  const { total } = await countUnusedRecoveryCodesForUser(db, actor.userId);
  if (total > 0) return null;
  return writeNewRecoveryCodes(db, actor);
}

/** "Generate new codes": sudo, and only while the user has a second factor. Old codes stop working. */
export async function regenerateRecoveryCodes(
  env: SudoEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller
): Promise<{ ok: true; codes: string[] } | FactorChangeFailure> {
  if (!(await inSudoMode(env, slug, caller))) return SUDO_REQUIRED;
  if (!hasSecondFactor(await twoFactorFactsForUser(db, caller.actor.userId)))
    return { ok: false, code: 'second_factor_first', message: FACTOR_MESSAGES.secondFactorFirst };
  return { ok: true, codes: await writeNewRecoveryCodes(db, caller.actor) };
}

async function writeNewRecoveryCodes(db: TenantDb, actor: UserActor): Promise<string[]> {
  const { codes, statements } = newRecoveryCodeSetStatements(db, actor.userId);
  await db.batch([
    ...statements,
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'recovery_codes.generated',
      entityType: 'user',
      entityId: actor.userId
    })
  ]);
  return codes;
}

/** The workspace requirement: refuses to remove the last factor while two-step verification is required. */
async function guardLastFactor(
  db: TenantDb,
  userId: string,
  removing: 'totp' | 'passkey'
): Promise<{ ok: true; wasLast: boolean } | FactorChangeFailure> {
  const facts = await twoFactorFactsForUser(db, userId);
  const after = {
    totp: removing === 'totp' ? false : facts.totp,
    passkeys: removing === 'passkey' ? facts.passkeys - 1 : facts.passkeys
  };
  const wasLast = !hasSecondFactor(after);
  if (wasLast && facts.required)
    return { ok: false, code: 'last_factor_required', message: FACTOR_MESSAGES.lastFactorRequired };
  return { ok: true, wasLast };
}

/** "Turn off" the authenticator app. */
export async function turnOffTotp(
  env: SudoEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller
): Promise<{ ok: true } | FactorChangeFailure> {
  if (!(await inSudoMode(env, slug, caller))) return SUDO_REQUIRED;
  const { actor } = caller;
  const guard = await guardLastFactor(db, actor.userId, 'totp');
  if (!guard.ok) return guard;
  await db.batch([
    deleteTotpStatement(db, actor.userId),
    ...(guard.wasLast ? [deleteRecoveryCodesStatement(db, actor.userId)] : []),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'totp.disabled',
      entityType: 'user',
      entityId: actor.userId
    })
  ]);
  return { ok: true };
}

/** "Remove" one of the person's passkeys (another user's passkey id behaves as unknown). */
export async function removeOwnPasskey(
  env: SudoEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller,
  passkeyId: string
): Promise<{ ok: true } | FactorChangeFailure> {
  if (!(await inSudoMode(env, slug, caller))) return SUDO_REQUIRED;
  const { actor } = caller;
  const guard = await guardLastFactor(db, actor.userId, 'passkey');
  if (!guard.ok) return guard;
  const [deleted] = await db.batch([
    db.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId))),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'passkey.removed',
      entityType: 'passkey',
      entityId: passkeyId
    }),
    // The last factor gone: its recovery codes go with it, decided by the database in this batch.
    db
      .delete(recoveryCodes)
      .where(
        and(
          eq(recoveryCodes.userId, actor.userId),
          sql`NOT EXISTS (SELECT 1 FROM passkeys WHERE user_id = ${actor.userId})`,
          sql`NOT EXISTS (SELECT 1 FROM totp_credentials WHERE user_id = ${actor.userId} AND confirmed_at IS NOT NULL)`
        )
      )
  ]);
  if (deleted.meta.changes !== 1)
    return { ok: false, code: 'not_found', message: FACTOR_MESSAGES.passkeyGone };
  return { ok: true };
}
