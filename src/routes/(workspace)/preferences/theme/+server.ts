import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { themeSchema } from '$lib/contracts/profile';
import { setThemeForUser } from '$lib/server/profile/theme';
import { safeRedirectPath } from '$lib/server/http/safe-redirect';
import { formOrNull, UNREADABLE_FORM_MESSAGE } from '$lib/server/http/form-body';

// Form post from the header's theme switch. SvelteKit's Origin check covers cross-site posts; the form
// guard in hooks.server.ts has already refused bodies that are not a readable form.
export const POST: RequestHandler = async ({ request, locals, url }) => {
  if (!locals.auth || locals.site.kind !== 'workspace') redirect(303, '/login');
  const form = await formOrNull(request);
  if (!form) error(415, { message: UNREADABLE_FORM_MESSAGE, code: 'bad_request' });
  const theme = themeSchema.safeParse(form.get('theme'));
  if (!theme.success) error(400, { message: 'Choose light, dark or system.' });
  await setThemeForUser(locals.site.db, locals.auth.user.id, theme.data);
  const back = form.get('back');
  redirect(303, safeRedirectPath(typeof back === 'string' ? back : null, url.origin) ?? '/my');
};
