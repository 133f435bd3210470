import { fail, redirect } from '@sveltejs/kit';
import { foundOr404 } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import {
  getProfileForUser,
  updateContactDetailsForUser,
  updateNotificationPreferencesForUser
} from '$lib/server/profile/my-profile';
import { setThemeForUser } from '$lib/server/profile/theme';
import { contactDetailsSchema } from '$lib/contracts/my';
import { themeSchema } from '$lib/contracts/profile';
import { fieldErrors } from '$lib/contracts/errors';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const profile = await getProfileForUser(site.db, auth.user.id);
  return { profile: foundOr404(profile, 'Page not found'), themeSaved: url.searchParams.has('theme-saved') };
};

export const actions: Actions = {
  contact: async ({ locals, url, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    const values = {
      name: String(form.get('name') ?? ''),
      jobTitle: String(form.get('jobTitle') ?? ''),
      department: String(form.get('department') ?? ''),
      phone: String(form.get('phone') ?? '')
    };
    const parsed = contactDetailsSchema.safeParse(values);
    if (!parsed.success) return fail(400, { contact: { values, fields: fieldErrors(parsed.error) } });
    await updateContactDetailsForUser(site.db, auth.user.id, parsed.data);
    return { saved: 'contact' as const };
  },
  preferences: async ({ locals, url, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    // Checkboxes: present ("on") means on, absent means off.
    await updateNotificationPreferencesForUser(site.db, auth.user.id, {
      renewalAlerts: form.get('renewalAlerts') === 'on',
      requestAlerts: form.get('requestAlerts') === 'on'
    });
    return { saved: 'preferences' as const };
  },
  theme: async ({ locals, url, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const theme = themeSchema.safeParse((await request.formData()).get('theme'));
    if (!theme.success) return fail(400, { themeError: 'Choose light, dark or system.' });
    await setThemeForUser(site.db, auth.user.id, theme.data);
    // A fresh GET: the theme is rendered into <html> by the request's session, read before this action ran.
    redirect(303, '/my/profile?theme-saved');
  }
};
