// The first administrator of a new workspace: an invited user (no password), a single-use invitation
// token (only its SHA-256 is stored, 7 days), and the "Your workspace is ready" email carrying the
// workspace URL and the link to set a password (/reset-password/<token>, which accepts purpose 'invitation').
import { randomUUID } from 'node:crypto';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens.ts';
import { sqlLiteral } from '../seed/sql.ts';
import { insertRow } from './sql.ts';

export const WELCOME_SUBJECT = 'Your workspace is ready';
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface FirstAdmin {
  tenantSql: string[];
  email: { to: string; subject: string; text: string; html: string };
  userId: string;
}

export function workspaceOrigin(slug: string, appHost: string, deployment: 'local' | 'production'): string {
  return deployment === 'local' ? `http://${slug}.${appHost}:8787` : `https://${slug}.${appHost}`;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  );
}

export function firstAdmin(input: {
  slug: string;
  workspaceName: string;
  adminEmail: string;
  adminName: string;
  origin: string;
  now: number;
}): FirstAdmin {
  const userId = randomUUID();
  const token = generateToken();
  const { now } = input;
  const email = input.adminEmail.toLowerCase();
  const tenantSql = [
    insertRow('users', {
      id: userId,
      email,
      name: input.adminName,
      role: 'admin',
      status: 'invited',
      password_hash: null,
      theme: 'system',
      created_at: now,
      updated_at: now
    }),
    insertRow('notification_preferences', { user_id: userId, renewal_alerts: true, request_alerts: true }),
    insertRow('auth_tokens', {
      token_hash: hashToken(token),
      user_id: userId,
      purpose: 'invitation',
      expires_at: now + INVITATION_TTL_MS,
      used_at: null,
      created_at: now
    }),
    `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, created_at) VALUES (NULL, 'workspace.provisioned', 'workspace', ${sqlLiteral(input.slug)}, NULL, ${sqlLiteral(JSON.stringify({ slug: input.slug, name: input.workspaceName }))}, ${now});`,
    `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, created_at) VALUES (NULL, 'user.invited', 'user', ${sqlLiteral(userId)}, NULL, ${sqlLiteral(JSON.stringify({ email, role: 'admin', status: 'invited' }))}, ${now});`
  ];
  const url = `${input.origin}/`;
  const link = `${input.origin}/reset-password/${token}`;
  const text = [
    `Hello ${input.adminName},`,
    '',
    `Your OnTrackio workspace "${input.workspaceName}" is ready at:`,
    url,
    '',
    'Set your password with this link (it works once and expires in 7 days):',
    link,
    '',
    'Then sign in at your workspace URL. Bookmark it: there is no central sign-in address.'
  ].join('\n');
  const html =
    `<p>Hello ${escapeHtml(input.adminName)},</p>` +
    `<p>Your OnTrackio workspace <strong>${escapeHtml(input.workspaceName)}</strong> is ready at <a href="${url}">${url}</a>.</p>` +
    `<p><a href="${link}">Set your password</a> (the link works once and expires in 7 days).</p>` +
    `<p>Then sign in at your workspace URL. Bookmark it: there is no central sign-in address.</p>`;
  return { tenantSql, userId, email: { to: email, subject: WELCOME_SUBJECT, text, html } };
}

/** The control-plane row the mailer would write (src/lib/server/email/mailer.ts), delivery 'outbox'. */
export function outboxInsert(slug: string, mail: FirstAdmin['email'], now: number): string {
  return insertRow('email_outbox', {
    id: randomUUID(),
    workspace_slug: slug,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    delivery: 'outbox',
    created_at: now
  });
}
