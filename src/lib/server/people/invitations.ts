// Admin › People › Invite (issue 6). Two ways in:
//  - "password": the person is created with status 'invited' and no password, and is emailed a link to
//    /reset-password/<token> (auth_tokens purpose 'invitation', the same page and the same
//    setPasswordWithLink as a reset link and the workspace CLI's welcome mail). Setting the password
//    spends the link and activates the account. Links expire after INVITATION_TTL_MS, work once, and
//    only their SHA-256 is stored. Resending spends every older link: one live invitation per person.
//  - "sso": the person is created active with no password (an SSO-only account): password sign-in can
//    never succeed and "Forgot password?" mails them nothing (auth/password-reset.ts), so they sign in
//    only through a configured SSO connection under an approved domain (sso/resolve-user.ts).
// Uniqueness of the email is the database's (users.email UNIQUE); the pre-check only gives a kind message.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { authTokens, notificationPreferences, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { sendEmail, type MailEnv } from '../email/mailer';
import { generateToken, hashToken } from '../auth/tokens';
import { listApprovedDomains, listSsoButtons } from '../sso/connections';
import { emailDomain } from '../sso/resolve-user';
import type { InviteInput } from '../../contracts/admin-people';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorRefOf, webhookEventStatement } from '../webhooks/events';
import type { BatchItem } from 'drizzle-orm/batch';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITATION_TTL_TEXT = '7 days';

export const INVITE_MESSAGES = {
  duplicate: 'Someone in this workspace already uses that email.',
  mailFailed:
    'The invitation email could not be sent just now. Use Resend under Pending invitations to try again.',
  noSso:
    'No single sign-on connection is set up yet. Connect one in Settings › Single sign-on, or invite them with a password link.',
  domain: (domain: string) =>
    `${domain} isn’t an approved single sign-on domain. Add it in Settings › Single sign-on, or invite them with a password link.`,
  notPending: 'That invitation was already accepted or revoked.',
  inUse:
    'Something is already assigned to this person, so the invitation can’t be withdrawn. Unassign it first, or suspend the account instead.'
} as const;

/** Where the mail comes from and which links it carries: the workspace's own origin. */
export interface InviteContext {
  env: MailEnv;
  slug: string;
  workspaceName: string;
  origin: string;
}

export type InviteResult =
  | { ok: true; userId: string; signIn: InviteInput['signIn']; mailSent: boolean }
  | { ok: false; code: 'invalid' | 'duplicate'; message: string; fields: Record<string, string[]> }
  | Forbidden;

export type InvitationChange =
  | { ok: true }
  | { ok: false; code: 'not_found' | 'not_pending' | 'in_use' | 'mail_failed'; message: string }
  | Forbidden;

/**
 * The account (and its link) are already saved when the mail goes out; a mail failure must not turn
 * that into an error page. It is logged for the operator and reported, and Resend recovers it.
 */
async function sendInvitationMail(
  ctx: InviteContext,
  mail: Parameters<typeof sendEmail>[1]
): Promise<boolean> {
  try {
    await sendEmail(ctx.env, mail);
    return true;
  } catch (err) {
    console.error(JSON.stringify({ event: 'invitation.mail_failed', to: mail.to, error: String(err) }));
    return false;
  }
}

export interface PendingInvitation {
  id: string;
  name: string;
  email: string;
  role: string;
  invitedAt: number;
  /** Expiry of the live link, or null when every link is spent or expired. */
  expiresAt: number | null;
  expired: boolean;
}

const duplicate = (): InviteResult => ({
  ok: false,
  code: 'duplicate',
  message: INVITE_MESSAGES.duplicate,
  fields: { email: [INVITE_MESSAGES.duplicate] }
});

/** `alsoWrite`: statements for the same batch as the new account (SCIM's row), so both exist or neither. */
export async function inviteUserForWorkspace(
  ctx: InviteContext,
  db: TenantDb,
  actor: Actor,
  input: InviteInput,
  now = Date.now(),
  alsoWrite: (userId: string) => BatchItem<'sqlite'>[] = () => []
): Promise<InviteResult> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
  if (taken) return duplicate();
  if (input.signIn === 'sso') {
    const [buttons, domains] = await Promise.all([listSsoButtons(db), listApprovedDomains(db)]);
    if (buttons.length === 0)
      return {
        ok: false,
        code: 'invalid',
        message: INVITE_MESSAGES.noSso,
        fields: { signIn: [INVITE_MESSAGES.noSso] }
      };
    const domain = emailDomain(input.email);
    if (!domains.includes(domain))
      return {
        ok: false,
        code: 'invalid',
        message: INVITE_MESSAGES.domain(domain),
        fields: { email: [INVITE_MESSAGES.domain(domain)] }
      };
  }

  const userId = crypto.randomUUID();
  const token = input.signIn === 'password' ? generateToken() : null;
  try {
    await db.batch([
      db.insert(users).values({
        id: userId,
        email: input.email,
        name: input.name,
        role: input.role,
        status: input.signIn === 'password' ? 'invited' : 'active',
        passwordHash: null,
        createdAt: now,
        updatedAt: now
      }),
      db.insert(notificationPreferences).values({ userId }),
      ...(token
        ? [
            db.insert(authTokens).values({
              tokenHash: hashToken(token),
              userId,
              purpose: 'invitation' as const,
              expiresAt: now + INVITATION_TTL_MS,
              createdAt: now
            })
          ]
        : []),
      ...alsoWrite(userId),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'user.invited',
        entityType: 'user',
        entityId: userId,
        after: {
          email: input.email,
          name: input.name,
          role: input.role,
          signIn: input.signIn,
          status: input.signIn === 'password' ? 'invited' : 'active'
        }
      }),
      webhookEventStatement(
        db,
        'person.invited',
        {
          person: { id: userId, email: input.email, name: input.name, role: input.role },
          signIn: input.signIn,
          invitedBy: actorRefOf(actor)
        },
        { now }
      )
    ]);
  } catch (err) {
    // Two admins inviting the same address at once: the UNIQUE index decides, the loser is told why.
    if (isUniqueViolation(err)) return duplicate();
    throw err;
  }
  const mailSent = await sendInvitationMail(
    ctx,
    token ? invitationMail(ctx, input.name, input.email, token) : ssoWelcomeMail(ctx, input.name, input.email)
  );
  return { ok: true, userId, signIn: input.signIn, mailSent };
}

/** People invited with a password link who haven't set it yet, newest first. */
export async function listPendingInvitationsForWorkspace(
  db: TenantDb,
  now = Date.now()
): Promise<PendingInvitation[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      invitedAt: users.createdAt,
      expiresAt: sql<
        number | null
      >`(SELECT max(t.expires_at) FROM auth_tokens t WHERE t.user_id = ${users.id} AND t.purpose = 'invitation' AND t.used_at IS NULL)`
    })
    .from(users)
    .where(eq(users.status, 'invited'))
    .orderBy(sql`${users.createdAt} DESC`, asc(users.email));
  return rows.map((r) => {
    const live = r.expiresAt !== null && r.expiresAt > now;
    return { ...r, expiresAt: live ? r.expiresAt : null, expired: !live };
  });
}

/**
 * A fresh link for a pending invitation. Every older unused link of the person is spent in the same
 * batch, so only the newest mail works. The new token is inserted only while the person is still
 * 'invited' (a concurrent accept or revoke wins), and the audit row only if it was.
 */
export async function resendInvitationForWorkspace(
  ctx: InviteContext,
  db: TenantDb,
  actor: Actor,
  userId: string,
  now = Date.now()
): Promise<InvitationChange> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  const person = await db
    .select({ name: users.name, email: users.email, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!person) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
  if (person.status !== 'invited')
    return { ok: false, code: 'not_pending', message: INVITE_MESSAGES.notPending };
  const token = generateToken();
  const results = await db.batch([
    db
      .update(authTokens)
      .set({ usedAt: now })
      .where(
        and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'invitation'), isNull(authTokens.usedAt))
      ),
    // Column order of auth_tokens: token_hash, user_id, purpose, expires_at, used_at, created_at.
    db.insert(authTokens).select(sql`
      SELECT ${hashToken(token)}, ${userId}, 'invitation', ${now + INVITATION_TTL_MS}, NULL, ${now}
      WHERE EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND status = 'invited')`),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'user.invitation_resent',
      entityType: 'user',
      entityId: userId,
      after: { expiresAt: now + INVITATION_TTL_MS }
    })
  ]);
  if (results[1].meta.changes !== 1)
    return { ok: false, code: 'not_pending', message: INVITE_MESSAGES.notPending };
  if (!(await sendInvitationMail(ctx, invitationMail(ctx, person.name, person.email, token)))) {
    return { ok: false, code: 'mail_failed', message: INVITE_MESSAGES.mailFailed };
  }
  return { ok: true };
}

/**
 * Withdraws a pending invitation: the never-activated account is deleted (its links and preferences go
 * with it, ON DELETE CASCADE), so the address can be invited again. Only while still 'invited'.
 */
export async function revokeInvitationForWorkspace(
  db: TenantDb,
  actor: Actor,
  userId: string
): Promise<InvitationChange> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  const person = await db
    .select({ name: users.name, email: users.email, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!person) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
  if (person.status !== 'invited')
    return { ok: false, code: 'not_pending', message: INVITE_MESSAGES.notPending };
  try {
    const [deleted] = await db.batch([
      db
        .delete(users)
        .where(and(eq(users.id, userId), eq(users.status, 'invited')))
        .returning({ id: users.id }),
      auditStatementIfChanged(db, {
        ...auditActorOf(actor),
        action: 'user.invitation_revoked',
        entityType: 'user',
        entityId: userId,
        before: { email: person.email, name: person.name, role: person.role, status: 'invited' }
      })
    ]);
    if (deleted.length !== 1) return { ok: false, code: 'not_pending', message: INVITE_MESSAGES.notPending };
  } catch (err) {
    // Hardware or a loan already points at this person (foreign keys without cascade): keep them.
    if (
      /FOREIGN KEY constraint failed/i.test(String((err as { cause?: unknown })?.cause ?? '') + String(err))
    ) {
      return { ok: false, code: 'in_use', message: INVITE_MESSAGES.inUse };
    }
    throw err;
  }
  return { ok: true };
}

function invitationMail(ctx: InviteContext, name: string, to: string, token: string) {
  const link = `${ctx.origin}/reset-password/${token}`;
  return {
    workspaceSlug: ctx.slug,
    to,
    subject: `You’re invited to ${ctx.workspaceName} on OnTrackio`,
    text: [
      `Hello ${name},`,
      '',
      `You’ve been invited to the OnTrackio workspace "${ctx.workspaceName}" at:`,
      `${ctx.origin}/`,
      '',
      `Set your password with this link (it works once and expires in ${INVITATION_TTL_TEXT}):`,
      link,
      '',
      'Then sign in at your workspace URL. Bookmark it: there is no central sign-in address.'
    ].join('\n')
  };
}

function ssoWelcomeMail(ctx: InviteContext, name: string, to: string) {
  return {
    workspaceSlug: ctx.slug,
    to,
    subject: `You’ve been added to ${ctx.workspaceName} on OnTrackio`,
    text: [
      `Hello ${name},`,
      '',
      `You’ve been added to the OnTrackio workspace "${ctx.workspaceName}". Sign in with your company's single sign-on at:`,
      `${ctx.origin}/login`,
      '',
      'Your account has no password: use the single sign-on button on the Sign in page.'
    ].join('\n')
  };
}
