// Password reset (seed 002 "Reset a forgotten password") and first-password links for invited
// users (auth_tokens purpose 'invitation', sent by the welcome mail). Rules:
//  - the response to "Email me a reset link" is the same, and takes the same time, whether or not
//    the address has an account: rate limits are counted inline for every address, the lookup and
//    the mail run after the response (waitUntil);
//  - links expire after RESET_TOKEN_TTL_MS, work once (conditional UPDATE ... used_at IS NULL) and
//    only their SHA-256 is stored;
//  - a successful reset ends every session of the user; 2FA is untouched, so it is still asked.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { authTokens, users } from '../db/tenant-schema';
import { attemptLimit, describeWait, type RateLimitEnv } from '../ratelimit/limits';
import { sendEmail, type MailEnv } from '../email/mailer';
import { auditStatement } from '../audit/record';
import { generateToken, hashToken } from './tokens';
import { hashPassword } from './password';
import { revokeAllSessionsForUser, type SessionEnv } from './session';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export const RESET_MESSAGES = {
  sent: 'If an account exists for that email, we’ve sent a link to reset your password. Check your inbox and spam folder.',
  tooMany: (wait: string) => `Too many reset requests. Try again in ${wait}.`,
  invalidLink: 'This link has expired or has already been used. Request a new reset link.',
  emailMismatch: 'This email doesn’t match the reset link. Enter the address on your account.',
  done: 'Your new password is set. Sign in with it now.'
} as const;

export type ResetRequestResult = { ok: true } | { ok: false; message: string; retryAfterSeconds: number };

/**
 * Counts the request (per address asked for and per client) and, if allowed, hands the lookup and the
 * mail to `afterResponse` as one job, not yet started: the answer is decided before anything about
 * the address is read, so it is the same work for every address.
 */
export async function requestPasswordReset(
  env: RateLimitEnv & MailEnv,
  slug: string,
  db: TenantDb,
  origin: string,
  workspaceName: string,
  email: string,
  clientAddress: string,
  afterResponse: (job: () => Promise<void>) => void
): Promise<ResetRequestResult> {
  const decisions = await Promise.all([
    attemptLimit(env, slug, 'resetRequestEmail', email),
    attemptLimit(env, slug, 'resetRequestAddress', clientAddress)
  ]);
  const blocked = decisions.filter((d) => !d.allowed);
  if (blocked.length > 0) {
    const ms = Math.max(...blocked.map((d) => d.retryAfterMs));
    return {
      ok: false,
      message: RESET_MESSAGES.tooMany(describeWait(ms)),
      retryAfterSeconds: Math.ceil(ms / 1000)
    };
  }
  afterResponse(() =>
    mailResetLink(env, slug, db, origin, workspaceName, email).catch((err) =>
      console.error(JSON.stringify({ event: 'auth.reset.mail_failed', slug, error: String(err) }))
    )
  );
  return { ok: true };
}

async function mailResetLink(
  env: MailEnv,
  slug: string,
  db: TenantDb,
  origin: string,
  workspaceName: string,
  email: string
) {
  const user = await db.query.users.findFirst({
    where: eq(users.email, email),
    columns: { id: true, status: true, name: true, passwordHash: true }
  });
  if (!user || user.status !== 'active') return; // nothing is sent, and the page said the same thing
  // An active account without a password is SSO-only (people/invitations.ts): a reset link would
  // give it a password it was never meant to have, so nothing is sent either.
  if (!user.passwordHash) return;
  const token = generateToken();
  const now = Date.now();
  await db.batch([
    db.insert(authTokens).values({
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'password_reset',
      expiresAt: now + RESET_TOKEN_TTL_MS,
      createdAt: now
    }),
    auditStatement(db, {
      actorId: null,
      action: 'password_reset.requested',
      entityType: 'user',
      entityId: user.id
    })
  ]);
  const link = `${origin}/reset-password/${token}`;
  await sendEmail(env, {
    workspaceSlug: slug,
    to: email,
    subject: `Reset your ${workspaceName} password`,
    text: [
      `Hi ${user.name},`,
      '',
      `Someone (hopefully you) asked to reset the password of your OnTrackio account in ${workspaceName}.`,
      'Open this link to set a new password. It works once and expires in one hour:',
      '',
      link,
      '',
      'If you didn’t ask for this, ignore this email: your password stays the same.'
    ].join('\n')
  });
}

export interface LiveLink {
  userId: string;
  purpose: 'password_reset' | 'invitation';
}

/** The token's user if the link is unused and unexpired; null otherwise (never says which). */
export async function liveLinkForToken(db: TenantDb, token: string): Promise<LiveLink | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const row = await db.query.authTokens.findFirst({
    where: and(
      eq(authTokens.tokenHash, hashToken(token)),
      isNull(authTokens.usedAt),
      gt(authTokens.expiresAt, Date.now())
    ),
    columns: { userId: true, purpose: true }
  });
  return row ?? null;
}

export type SetPasswordResult =
  | { ok: true; purpose: 'password_reset' | 'invitation' }
  | { ok: false; code: 'invalid_link' | 'email_mismatch'; message: string };

/**
 * Sets the password through a link. One batch: the password update is conditional on the link still
 * being live, then the link is spent; a second use of the same link changes nothing.
 */
export async function setPasswordWithLink(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  token: string,
  email: string,
  newPassword: string
): Promise<SetPasswordResult> {
  const link = await liveLinkForToken(db, token);
  if (!link) return { ok: false, code: 'invalid_link', message: RESET_MESSAGES.invalidLink };
  const user = await db.query.users.findFirst({
    where: eq(users.id, link.userId),
    columns: { id: true, email: true, status: true, passwordHash: true }
  });
  if (!user) return { ok: false, code: 'invalid_link', message: RESET_MESSAGES.invalidLink };
  // SSO-only accounts never get a password through a reset link (only invitations set a first one).
  if (link.purpose === 'password_reset' && !user.passwordHash)
    return { ok: false, code: 'invalid_link', message: RESET_MESSAGES.invalidLink };
  if (user.email !== email)
    return { ok: false, code: 'email_mismatch', message: RESET_MESSAGES.emailMismatch };

  const hash = await hashPassword(newPassword);
  const now = Date.now();
  const tokenHash = hashToken(token);
  const linkIsLive = sql`EXISTS (SELECT 1 FROM auth_tokens WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now})`;
  const activates = link.purpose === 'invitation' && user.status === 'invited';
  const results = await db.batch([
    db
      .update(users)
      .set({ passwordHash: hash, updatedAt: now, ...(activates ? { status: 'active' as const } : {}) })
      .where(and(eq(users.id, user.id), linkIsLive)),
    db
      .update(authTokens)
      .set({ usedAt: now })
      .where(
        and(eq(authTokens.tokenHash, tokenHash), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now))
      ),
    auditStatement(db, {
      actorId: user.id,
      action: link.purpose === 'invitation' ? 'password.set_from_invitation' : 'password.reset',
      entityType: 'user',
      entityId: user.id,
      ...(activates ? { before: { status: 'invited' }, after: { status: 'active' } } : {})
    })
  ]);
  if (results[1].meta.changes !== 1)
    return { ok: false, code: 'invalid_link', message: RESET_MESSAGES.invalidLink };
  await revokeAllSessionsForUser(env, slug, db, user.id);
  return { ok: true, purpose: link.purpose };
}
