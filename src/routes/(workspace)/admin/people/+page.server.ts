import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { peopleQuerySchema } from '$lib/contracts/admin';
import { listQueryFrom } from '$lib/server/http/list-query';
import { listPeopleForWorkspace } from '$lib/server/people/admin-people';
import {
  listPendingInvitationsForWorkspace,
  resendInvitationForWorkspace,
  revokeInvitationForWorkspace
} from '$lib/server/people/invitations';
import { inviteContextFor } from './invite-context';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.people');
  const { query, fields } = listQueryFrom(peopleQuerySchema, url);
  const [people, invitations] = await Promise.all([
    listPeopleForWorkspace(site.db, query),
    listPendingInvitationsForWorkspace(site.db)
  ]);
  // After Invite (a redirect here): who was invited and how, for the confirmation line.
  const invited = url.searchParams.get('invited');
  return {
    people,
    invitations,
    q: query.q ?? '',
    // What was typed, kept in the box even when it was refused (fields says why).
    typed: url.searchParams.get('q') ?? '',
    fields,
    invited:
      invited && invited.length <= 254
        ? {
            email: invited,
            sso: url.searchParams.get('sso') === '1',
            unsent: url.searchParams.get('unsent') === '1'
          }
        : null
  };
};

async function invitationAction(event: RequestEvent, kind: 'resend' | 'revoke') {
  const { site, actor } = requireAdmin(event.locals, event.url, 'admin.people');
  const form = await event.request.formData();
  const userId = String(form.get('userId') ?? '');
  const email = String(form.get('email') ?? '').slice(0, 254);
  const result =
    kind === 'resend'
      ? await resendInvitationForWorkspace(inviteContextFor(event, site), site.db, actor, userId)
      : await revokeInvitationForWorkspace(site.db, actor, userId);
  if (result.ok)
    return {
      notice:
        kind === 'resend'
          ? `A new invitation link was sent to ${email}. Older links no longer work.`
          : `The invitation for ${email} was withdrawn.`
    };
  if (result.code === 'not_found') error(404, { message: result.message, code: 'not_found' });
  return fail(409, { problem: result.message });
}

export const actions: Actions = {
  resend: (event) => invitationAction(event, 'resend'),
  revoke: (event) => invitationAction(event, 'revoke')
};
