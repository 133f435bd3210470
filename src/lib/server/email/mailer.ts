// Outgoing mail. One function for every sender (password reset, welcome, invitations).
// Development and tests (APP_ENV=development, or no EMAIL binding): the message is stored in the
// control plane's email_outbox table, where the dev outbox page and tests read it.
// Production: handed to the `send_email` binding named EMAIL (docs/operations.md).
import { openControlDb } from '../db';
import { emailOutbox } from '../db/control-schema';

export interface OutgoingEmail {
  /** The workspace the mail is about (null for control-plane mail). */
  workspaceSlug: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailEnv {
  DB_CONTROL: D1Database;
  APP_ENV?: string;
  /** Production only: a Cloudflare `send_email` binding. */
  EMAIL?: { send(message: unknown): Promise<unknown> };
  /** Sender address (plain address; the display name "OnTrackio" is added). */
  MAIL_FROM?: string;
}

export function isOutboxMode(env: MailEnv): boolean {
  return env.APP_ENV === 'development' || !env.EMAIL;
}

export async function sendEmail(env: MailEnv, mail: OutgoingEmail): Promise<void> {
  const outbox = isOutboxMode(env);
  if (!outbox) {
    await deliverThroughBinding(env, mail);
  }
  await openControlDb(env.DB_CONTROL)
    .insert(emailOutbox)
    .values({
      id: crypto.randomUUID(),
      workspaceSlug: mail.workspaceSlug,
      to: mail.to,
      subject: mail.subject,
      // Production keeps no bodies: they may carry single-use links.
      textBody: outbox ? mail.text : null,
      htmlBody: outbox ? (mail.html ?? null) : null,
      delivery: outbox ? 'outbox' : 'sent',
      createdAt: Date.now()
    });
  console.log(
    JSON.stringify({
      event: 'email.queued',
      delivery: outbox ? 'outbox' : 'sent',
      workspace: mail.workspaceSlug,
      subject: mail.subject
    })
  );
}

async function deliverThroughBinding(env: MailEnv, mail: OutgoingEmail): Promise<void> {
  // Cloudflare Email Service (Workers API): send() takes a builder { from, to, subject, text, html };
  // `from` is an address or { email, name } (workers-types EmailMessageBuilder), so the display
  // name goes in the object form rather than an RFC 5322 "Name <addr>" string.
  await env.EMAIL!.send({
    from: { email: env.MAIL_FROM ?? 'no-reply@ontrackio.com', name: 'OnTrackio' },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {})
  });
}
