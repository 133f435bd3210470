// Steps the Admin › People tests share: invitations through the API, and what they leave behind
// (audit rows in the workspace, mail in the dev outbox of the control plane).
import { env } from 'cloudflare:workers';
import { ACME, apiWrite } from './helpers';
import { scalar } from './helpers-data';

let invitees = 0;

/** An address no one in any workspace has yet (default domain: not an approved sign-in domain). */
export const freshInviteeEmail = (domain = 'example.test') =>
  `invitee-${Date.now().toString(36)}-${++invitees}@${domain}`;

/** How many audit rows of `action` the workspace holds for `entityId`. */
export const auditCount = (db: D1Database, entityId: string, action: string) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);

/** How many mails the dev outbox holds for an address. */
export const mailsTo = (email: string) =>
  scalar(env.DB_CONTROL, 'SELECT count(*) AS n FROM email_outbox WHERE to_address = ?', email);

/** The newest invitation link mailed to an address (dev outbox), or null. */
export async function invitationLinkFor(email: string): Promise<string | null> {
  const row = await env.DB_CONTROL.prepare(
    'SELECT text_body FROM email_outbox WHERE to_address = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'
  )
    .bind(email)
    .first<{ text_body: string }>();
  return (
    (row && /(http:\/\/[a-z]+\.localhost:8787\/reset-password\/[a-z2-7]{32})/.exec(row.text_body)?.[1]) ??
    null
  );
}

/** POST /api/v1/admin/people/invitations as `cookie`; the response and its JSON. */
export async function inviteByApi(body: Record<string, unknown>, cookie: string, origin = ACME) {
  const res = await apiWrite(origin, '/admin/people/invitations', cookie, body);
  return {
    res,
    json: (await res.json()) as {
      id: string;
      status: string;
      error?: { code: string; message: string; fields?: Record<string, string[]> };
    }
  };
}
