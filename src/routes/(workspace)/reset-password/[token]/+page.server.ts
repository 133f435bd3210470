// Seed 002 "Set a new password", reached from a reset link or (purpose 'invitation') from the
// welcome mail of a newly invited user. The token is in the path: hooks.server.ts sends
// Referrer-Policy: strict-origin for these pages so it never leaks in a Referer header.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setPasswordSchema } from '$lib/contracts/security';
import { fieldErrors } from '$lib/contracts/errors';
import { liveLinkForToken, RESET_MESSAGES, setPasswordWithLink } from '$lib/server/auth/password-reset';
import { platformEnv } from '$lib/server/http/platform';

export const load: PageServerLoad = async ({ locals, params }) => {
  const site = locals.site;
  if (site.kind !== 'workspace') return { valid: false, invitation: false };
  const link = await liveLinkForToken(site.db, params.token);
  return { valid: !!link, invitation: link?.purpose === 'invitation' };
};

export const actions: Actions = {
  default: async ({ request, locals, platform, params }) => {
    const site = locals.site;
    if (site.kind !== 'workspace')
      return fail(404, {
        email: '',
        done: false,
        invalidLink: true,
        message: RESET_MESSAGES.invalidLink,
        fields: {}
      });
    const form = await request.formData();
    const raw = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      confirm: String(form.get('confirm') ?? '')
    };
    const parsed = setPasswordSchema.safeParse(raw);
    if (!parsed.success)
      return fail(400, {
        email: raw.email,
        done: false,
        invalidLink: false,
        message: null,
        fields: fieldErrors(parsed.error)
      });
    const result = await setPasswordWithLink(
      platformEnv({ platform }),
      site.workspace.slug,
      site.db,
      params.token,
      parsed.data.email,
      parsed.data.password
    );
    if (!result.ok) {
      if (result.code === 'email_mismatch')
        return fail(400, {
          email: raw.email,
          done: false,
          invalidLink: false,
          message: null,
          fields: { email: [result.message] }
        });
      return fail(410, {
        email: raw.email,
        done: false,
        invalidLink: true,
        message: result.message,
        fields: {}
      });
    }
    return { email: raw.email, done: true, invalidLink: false, message: RESET_MESSAGES.done, fields: {} };
  }
};
