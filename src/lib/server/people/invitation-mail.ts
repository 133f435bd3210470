// The mails of an invitation (Admin › People › Invite): the password link, or the single sign-on
// welcome. Sending never fails the invitation: the person and the link are saved first, and Resend
// recovers a mail that could not go out.
import { sendEmail } from '../email/mailer';
import type { InviteContext } from './invitations';

/**
 * The account (and its link) are already saved when the mail goes out; a mail failure must not turn
 * that into an error page. It is logged for the operator and reported, and Resend recovers it.
 */
export async function sendInvitationMail(
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

export function invitationMail(
  ctx: InviteContext,
  name: string,
  to: string,
  token: string,
  expiresIn: string
) {
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
      `Set your password with this link (it works once and expires in ${expiresIn}):`,
      link,
      '',
      'Then sign in at your workspace URL. Bookmark it: there is no central sign-in address.'
    ].join('\n')
  };
}

export function ssoWelcomeMail(ctx: InviteContext, name: string, to: string) {
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
