import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { addMessageForUser, cancelRequestForUser, getRequestForUser } from '$lib/server/requests/my-requests';
import { cancelRefusal } from '$lib/server/requests/messages';
import { requestMessageSchema } from '$lib/contracts/my';
import { fieldErrors } from '$lib/contracts/errors';

const notYours = () => error(404, { message: 'No request of yours has that id', code: 'not_found' });

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const request = await getRequestForUser(site.db, auth.user.id, params.id);
  if (!request) notYours();
  return { request: request! };
};

export const actions: Actions = {
  message: async ({ locals, url, params, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    const values = { body: String(form.get('body') ?? '') };
    const parsed = requestMessageSchema.safeParse(values);
    if (!parsed.success) return fail(400, { message: { values, fields: fieldErrors(parsed.error) } });
    const created = await addMessageForUser(site.db, auth.user, params.id, parsed.data);
    if (!created) notYours();
    return { sent: true };
  },
  cancel: async ({ locals, url, params }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const result = await cancelRequestForUser(site.db, auth.user.id, params.id);
    if (result.ok) return { cancelled: true };
    if (result.code === 'not_found') notYours();
    return fail(409, {
      cancelError: cancelRefusal(result.code === 'not_cancellable' ? result.status : 'changed')
    });
  }
};
