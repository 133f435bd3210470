// Admin › Settings › Single sign-on: Google / Microsoft connections, SAML connections, approved
// company domains and "create accounts on first sign-in". Secrets are write-only.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { can } from '$lib/server/authz/roles';
import { fieldErrors } from '$lib/contracts/errors';
import { oauthConnectionSchema, samlConnectionSchema, signInRulesSchema } from '$lib/contracts/sso';
import { addSamlConnection, removeSsoConnection, saveOauthConnection, saveSignInRules, ssoAdminView } from '$lib/server/sso/connections';
import { callbackUrl } from '$lib/server/sso/oidc-flow';
import { devIssuerAllowed } from '$lib/server/sso/oidc-providers';

function requireAdmin(locals: App.Locals, url: URL) {
  const ctx = requireSignedIn(locals, url);
  if (!can(ctx.auth.user.role, 'admin.console')) error(403, { message: 'Only administrators can change single sign-on settings.', code: 'forbidden' });
  return ctx;
}

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { site } = requireAdmin(locals, url);
  return {
    sso: await ssoAdminView(site.db),
    redirectUri: callbackUrl(url.origin),
    showDevIssuer: devIssuerAllowed(platform!.env)
  };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '');

async function saveOauth(kind: 'google' | 'microsoft', { locals, url, request, platform }: Parameters<Actions[string]>[0]) {
  const { site, auth } = requireAdmin(locals, url);
  const form = await request.formData();
  const raw = {
    kind,
    clientId: str(form, 'clientId'),
    clientSecret: str(form, 'clientSecret'),
    entraTenant: str(form, 'entraTenant'),
    devIssuerUrl: devIssuerAllowed(platform!.env) ? str(form, 'devIssuerUrl') : ''
  };
  const parsed = oauthConnectionSchema.safeParse(raw);
  if (!parsed.success) return fail(400, { form: kind, fields: fieldErrors(parsed.error), values: { ...raw, clientSecret: '' } });
  const result = await saveOauthConnection(platform!.env, site.db, auth.user.id, parsed.data);
  if (!result.ok) return fail(400, { form: kind, fields: result.fields, values: { ...raw, clientSecret: '' } });
  return { form: kind, saved: `${kind === 'google' ? 'Google' : 'Microsoft'} connection saved.` };
}

export const actions: Actions = {
  google: (event) => saveOauth('google', event),
  microsoft: (event) => saveOauth('microsoft', event),
  saml: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url);
    const form = await request.formData();
    const raw = { name: str(form, 'name'), idpEntityId: str(form, 'idpEntityId'), ssoUrl: str(form, 'ssoUrl'), certificate: str(form, 'certificate') };
    const parsed = samlConnectionSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { form: 'saml', fields: fieldErrors(parsed.error), values: raw });
    const result = await addSamlConnection(site.db, auth.user.id, parsed.data);
    if (!result.ok) return fail(400, { form: 'saml', fields: result.fields, values: raw });
    return { form: 'saml', saved: `SAML connection “${parsed.data.name}” added.` };
  },
  remove: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url);
    const id = str(await request.formData(), 'connectionId').slice(0, 64);
    if (!(await removeSsoConnection(site.db, auth.user.id, id))) return fail(404, { form: 'remove', message: 'That connection no longer exists.' });
    return { form: 'remove', saved: 'Connection removed.' };
  },
  rules: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url);
    const form = await request.formData();
    const raw = { domains: str(form, 'domains'), createAccounts: form.get('createAccounts') === 'on' };
    const parsed = signInRulesSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { form: 'rules', fields: fieldErrors(parsed.error), values: raw });
    await saveSignInRules(site.db, auth.user.id, parsed.data);
    return { form: 'rules', saved: 'Sign-in rules saved.' };
  }
};
