// Recovery codes: a set of 10, shown once, stored as SHA-256 hashes (each code carries 50 random
// bits, so a fast hash is enough; guessing is also rate-limited). A code is spent by a conditional
// UPDATE ... WHERE used_at IS NULL, so it works exactly once even under concurrent use.
import { and, count, eq, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { TenantDb } from '../db';
import { recoveryCodes } from '../db/tenant-schema';
import { hashToken } from './tokens';

export const RECOVERY_CODE_COUNT = 10;

function newCode(): string {
  const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** What people type: case, spaces and the dash do not matter. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '');
  if (!/^[a-z2-7]{10}$/.test(compact)) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

/** Statements replacing the user's set (old codes stop working) and the plain codes to show once. */
export function newRecoveryCodeSetStatements(db: TenantDb, userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const now = Date.now();
  const statements = [
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ id: crypto.randomUUID(), userId, codeHash: hashToken(c), createdAt: now })))
  ] as const;
  return { codes, statements };
}

export function deleteRecoveryCodesStatement(db: TenantDb, userId: string) {
  return db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Spends one code; true only for an unused code of this user. */
export async function spendRecoveryCodeForUser(
  db: TenantDb,
  userId: string,
  input: string
): Promise<boolean> {
  const code = normaliseRecoveryCode(input);
  if (!code) return false;
  const result = await db
    .update(recoveryCodes)
    .set({ usedAt: Date.now() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(code)),
        isNull(recoveryCodes.usedAt)
      )
    );
  return result.meta.changes === 1;
}

export async function countUnusedRecoveryCodesForUser(
  db: TenantDb,
  userId: string
): Promise<{ unused: number; total: number }> {
  const [all, unused] = await Promise.all([
    db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  ]);
  return { unused: unused[0]?.n ?? 0, total: all[0]?.n ?? 0 };
}
