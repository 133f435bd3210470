// Which second factors a user has, and whether the workspace's "require two-step verification"
// setting currently blocks them (seed 000 tip: the portal guides them to the security settings).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { REQUIRE_TWO_FACTOR_KEY } from '../settings/security';

export interface TwoFactorFacts {
  totp: boolean;
  passkeys: number;
  required: boolean;
}

/** One query: the setting and the user's confirmed factors. */
export async function twoFactorFactsForUser(db: TenantDb, userId: string): Promise<TwoFactorFacts> {
  const row = await db.get<{ required: string | null; totp: number; passkeys: number }>(sql`
    SELECT
      (SELECT value FROM workspace_settings WHERE key = ${REQUIRE_TWO_FACTOR_KEY}) AS required,
      EXISTS (SELECT 1 FROM totp_credentials WHERE user_id = ${userId} AND confirmed_at IS NOT NULL) AS totp,
      (SELECT COUNT(*) FROM passkeys WHERE user_id = ${userId}) AS passkeys`);
  return { totp: row?.totp === 1, passkeys: Number(row?.passkeys ?? 0), required: row?.required === 'true' };
}

/**
 * SQL for "the workspace requires a second factor and this user has none", evaluated inside the
 * session validation query so the gate costs no extra D1 round trip. `userId` is a column or value.
 */
export function secondFactorMissingSql(userId: SQL | SQLWrapper) {
  return sql<number>`(
    COALESCE((SELECT value FROM workspace_settings WHERE key = ${REQUIRE_TWO_FACTOR_KEY}), 'false') = 'true'
    AND NOT EXISTS (SELECT 1 FROM totp_credentials WHERE user_id = ${userId} AND confirmed_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM passkeys WHERE user_id = ${userId}))`;
}

export const hasSecondFactor = (f: Pick<TwoFactorFacts, 'totp' | 'passkeys'>) => f.totp || f.passkeys > 0;

/** SSO sessions never get the requirement: the identity provider owns their multi-factor policy. */
export function isSsoSession(authMethod: string): boolean {
  return authMethod === 'sso' || authMethod.startsWith('sso');
}

export const TWO_FACTOR_SETUP_PATH = '/my/profile/security';

/**
 * Pages a signed-in user without 2FA can still reach while the workspace requires it: the security
 * settings themselves, the GDPR export, signing out, and the signed-out pages.
 */
export function reachableWithoutTwoFactor(pathname: string): boolean {
  const prefixes = [
    '/my/profile/security',
    '/my/profile/export',
    '/logout',
    '/login',
    '/forgot-password',
    '/reset-password',
    '/preferences/theme',
    '/dev/outbox'
  ];
  return prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** The same for the JSON API (sign-out, who-am-I, the passkey/export endpoints of the exempt pages). */
export function apiReachableWithoutTwoFactor(pathname: string): boolean {
  const prefixes = [
    '/api/v1/auth/',
    '/api/v1/me',
    '/api/v1/health',
    '/api/v1/my/profile/export',
    '/api/v1/my/export'
  ];
  return prefixes.some((p) => pathname === p || pathname.startsWith(p));
}
