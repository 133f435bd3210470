import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { pageParam } from '$lib/server/http/page-param';
import {
  listNotificationsForUser,
  markAllNotificationsReadForUser,
  markNotificationReadForUser
} from '$lib/server/notifications/my-notifications';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  return { inbox: await listNotificationsForUser(site.db, auth.user.id, pageParam(url)) };
};

export const actions: Actions = {
  read: async ({ locals, url, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const id = String((await request.formData()).get('id') ?? '');
    const ok = await markNotificationReadForUser(site.db, auth.user.id, id);
    if (!ok) error(404, { message: 'No notification of yours has that id', code: 'not_found' });
    return { marked: 1 };
  },
  readAll: async ({ locals, url }) => {
    const { auth, site } = requireSignedIn(locals, url);
    return { marked: await markAllNotificationsReadForUser(site.db, auth.user.id) };
  }
};
