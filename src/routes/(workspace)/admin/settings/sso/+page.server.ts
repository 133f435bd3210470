// Admin › Settings › Single sign-on: Google / Microsoft connections, SAML connections, approved
// company domains and "create accounts on first sign-in". Secrets are write-only.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { actorCan } from '$lib/server/authz/actor';
import { forbidden } from '$lib/server/http/require-admin';
import { fieldErrors } from '$lib/contracts/errors';
import { oauthConnectionSchema, samlConnectionSchema, signInRulesSchema } from '$lib/contracts/sso';
import {
  addSamlConnection,
  removeSsoConnection,
  saveOauthConnection,
  saveSignInRules,
  ssoAdminView
} from '$lib/server/sso/connections';
import { callbackUrl } from '$lib/server/sso/oidc-flow';
import { devIssuerAllowed } from '$lib/server/sso/oidc-providers';
import { parseIdpMetadata } from '$lib/server/sso/saml-idp-metadata';
import { acsUrl, spEntityId, SAML_METADATA_PATH } from '$lib/server/sso/saml-sp';
import { certificateToPem } from '$lib/server/sso/saml-xml';
import { platformEnv } from '$lib/server/http/platform';

function requireAdmin(locals: App.Locals, url: URL) {
  const ctx = requireSignedIn(locals, url);
  if (!actorCan(ctx.actor, 'admin.settings'))
    error(403, { message: 'Only administrators can change single sign-on settings.', code: 'forbidden' });
  return ctx;
}

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { site } = requireAdmin(locals, url);
  return {
    sso: await ssoAdminView(site.db),
    redirectUri: callbackUrl(url.origin),
    samlSp: {
      entityId: spEntityId(url.origin),
      acsUrl: acsUrl(url.origin),
      metadataUrl: `${url.origin}${SAML_METADATA_PATH}`
    },
    showDevIssuer: devIssuerAllowed(platformEnv({ platform }))
  };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '');

async function saveOauth(
  kind: 'google' | 'microsoft',
  { locals, url, request, platform }: Parameters<Actions[string]>[0]
) {
  const { site, actor } = requireAdmin(locals, url);
  const form = await request.formData();
  const raw = {
    kind,
    clientId: str(form, 'clientId'),
    clientSecret: str(form, 'clientSecret'),
    entraTenant: str(form, 'entraTenant'),
    devIssuerUrl: devIssuerAllowed(platformEnv({ platform })) ? str(form, 'devIssuerUrl') : ''
  };
  const parsed = oauthConnectionSchema.safeParse(raw);
  if (!parsed.success)
    return fail(400, { form: kind, fields: fieldErrors(parsed.error), values: { ...raw, clientSecret: '' } });
  const result = await saveOauthConnection(platformEnv({ platform }), site.db, actor, parsed.data);
  if (!result.ok) {
    if (result.code === 'forbidden') forbidden();
    return fail(400, { form: kind, fields: result.fields, values: { ...raw, clientSecret: '' } });
  }
  return { form: kind, saved: `${kind === 'google' ? 'Google' : 'Microsoft'} connection saved.` };
}

const samlRaw = (form: FormData) => ({
  name: str(form, 'name'),
  idpEntityId: str(form, 'idpEntityId'),
  ssoUrl: str(form, 'ssoUrl'),
  certificate: str(form, 'certificate'),
  metadata: str(form, 'metadata')
});

async function readMetadata(
  raw: ReturnType<typeof samlRaw>
): Promise<{ ok: true; values: ReturnType<typeof samlRaw> } | { ok: false; message: string }> {
  if (raw.metadata.trim() === '') return { ok: true, values: raw };
  const read = await parseIdpMetadata(raw.metadata);
  if (!read.ok) return read;
  return {
    ok: true,
    values: { ...raw, ...read.value, certificate: certificateToPem(read.value.certificate) }
  };
}

export const actions: Actions = {
  google: (event) => saveOauth('google', event),
  microsoft: (event) => saveOauth('microsoft', event),
  // "Read metadata": fills the SAML form from the IdP's metadata XML; saves nothing.
  samlMetadata: async ({ locals, url, request }) => {
    requireAdmin(locals, url);
    const form = await request.formData();
    const raw = samlRaw(form);
    const read = await readMetadata(raw);
    if (!read.ok) return fail(400, { form: 'saml', fields: { metadata: [read.message] }, values: raw });
    return {
      form: 'saml',
      values: { ...read.values, metadata: '' },
      imported: 'Metadata read. Check the fields below, then select Add SAML connection.'
    };
  },
  saml: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url);
    const form = await request.formData();
    const raw = samlRaw(form);
    // Metadata XML, when given, supplies the IdP entity ID, SSO URL and certificate. Malformed: nothing saved.
    const read = await readMetadata(raw);
    if (!read.ok) return fail(400, { form: 'saml', fields: { metadata: [read.message] }, values: raw });
    const parsed = samlConnectionSchema.safeParse(read.values);
    if (!parsed.success)
      return fail(400, { form: 'saml', fields: fieldErrors(parsed.error), values: read.values });
    const result = await addSamlConnection(site.db, actor, parsed.data);
    if (!result.ok) {
      if (result.code === 'forbidden') forbidden();
      return fail(400, { form: 'saml', fields: result.fields, values: read.values });
    }
    return {
      form: 'saml',
      saved: `SAML connection “${parsed.data.name}” added. Its button reads “Continue with ${parsed.data.name}”.`
    };
  },
  remove: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url);
    const id = str(await request.formData(), 'connectionId').slice(0, 64);
    const removed = await removeSsoConnection(site.db, actor, id);
    if (!removed.ok) {
      if (removed.code === 'forbidden') forbidden();
      return fail(404, { form: 'remove', message: 'That connection no longer exists.' });
    }
    return { form: 'remove', saved: 'Connection removed.' };
  },
  rules: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url);
    const form = await request.formData();
    const raw = { domains: str(form, 'domains'), createAccounts: form.get('createAccounts') === 'on' };
    const parsed = signInRulesSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { form: 'rules', fields: fieldErrors(parsed.error), values: raw });
    await saveSignInRules(site.db, actor, parsed.data);
    return { form: 'rules', saved: 'Sign-in rules saved.' };
  }
};
