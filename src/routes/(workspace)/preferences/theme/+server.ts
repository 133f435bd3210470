import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { themeSchema } from '$lib/contracts/profile';
import { setThemeForUser } from '$lib/server/profile/theme';
import { safeNextPath } from '$lib/server/http/safe-redirect';

// Form post from the header's theme switch. SvelteKit's Origin check covers cross-site posts.
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.auth || locals.site.kind !== 'workspace') redirect(303, '/login');
  const form = await request.formData();
  const theme = themeSchema.safeParse(form.get('theme'));
  if (!theme.success) error(400, { message: 'Choose light, dark or system.' });
  await setThemeForUser(locals.site.db, locals.auth.user.id, theme.data);
  redirect(303, safeNextPath(String(form.get('back') ?? '')) ?? '/my');
};
