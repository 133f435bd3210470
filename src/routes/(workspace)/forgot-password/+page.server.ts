// Seed 002 "Reset a forgotten password", step 1-2. The same confirmation whatever the address.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { forgotPasswordSchema } from '$lib/contracts/security';
import { fieldErrors } from '$lib/contracts/errors';
import { requestPasswordReset, RESET_MESSAGES } from '$lib/server/auth/password-reset';
import { clientAddressOf } from '$lib/server/http/request-context';
import { homePathFor } from '$lib/server/auth/home';
import { platformEnv, platformOf } from '$lib/server/http/platform';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.auth) redirect(303, homePathFor(locals.auth.user.role));
  return {};
};

export const actions: Actions = {
  default: async ({ request, locals, platform, url }) => {
    const site = locals.site;
    if (site.kind !== 'workspace') redirect(303, '/');
    const form = await request.formData();
    const raw = { email: String(form.get('email') ?? '') };
    const parsed = forgotPasswordSchema.safeParse(raw);
    if (!parsed.success)
      return fail(400, { email: raw.email, sent: false, message: null, fields: fieldErrors(parsed.error) });
    const result = await requestPasswordReset(
      platformEnv({ platform }),
      site.workspace.slug,
      site.db,
      url.origin,
      site.workspace.name,
      parsed.data.email,
      clientAddressOf(request),
      (job) => platformOf({ platform }).ctx.waitUntil(job())
    );
    if (!result.ok) return fail(429, { email: raw.email, sent: false, message: result.message, fields: {} });
    return { email: raw.email, sent: true, message: RESET_MESSAGES.sent, fields: {} };
  }
};
