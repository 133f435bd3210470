// My profile › API tokens: a person's personal tokens, which act as them (issue 14 §1). The rules
// (scopes their role allows, expiry within the workspace maximum, own tokens only) are the service's.
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { listPersonalApiTokensForUser } from '$lib/server/api-tokens/list';
import {
  createTokenFromForm,
  revokeTokenFromForm,
  tokenFormContext
} from '$lib/server/api-tokens/token-form-actions';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site, actor } = requireSignedIn(locals, url);
  const [tokens, form] = await Promise.all([
    listPersonalApiTokensForUser(site.db, actor),
    tokenFormContext(site.db, actor, 'personal')
  ]);
  return { tokens, ...form };
};

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    const { site, actor } = requireSignedIn(locals, url);
    return createTokenFromForm(site.db, actor, 'personal', await request.formData());
  },
  revoke: async ({ locals, url, request }) => {
    const { site, actor } = requireSignedIn(locals, url);
    return revokeTokenFromForm(site.db, actor, 'personal', await request.formData());
  }
};
