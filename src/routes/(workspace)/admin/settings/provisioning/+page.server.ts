// Admin › Settings › Provisioning (SCIM 2.0): turn it on, the base URL, the bearer token (a service
// token with the scim scope, made and revoked through the API token service, shown once), how new
// people get in, which sign-in identity is pre-linked, the group → role mapping, and the last calls.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { sessionActorOf } from '$lib/server/authz/actor';
import { fieldErrors } from '$lib/contracts/errors';
import { groupRoleSchema, provisioningSettingsSchema } from '$lib/contracts/scim';
import { EXPIRY_CHOICES } from '$lib/contracts/api-tokens';
import { getProvisioningSettings, saveProvisioningSettings } from '$lib/server/provisioning/settings';
import { listGroupsForMapping, setGroupRoleForWorkspace } from '$lib/server/provisioning/group-mapping';
import { listRecentScimCalls } from '$lib/server/provisioning/call-log';
import { listApprovedDomains, ssoAdminView } from '$lib/server/sso/connections';
import { createApiToken } from '$lib/server/api-tokens/create';
import { revokeApiToken } from '$lib/server/api-tokens/revoke';
import { listServiceApiTokensForWorkspace } from '$lib/server/api-tokens/list';

const SCIM_TOKEN_NAME = 'SCIM provisioning';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site, auth } = requireAdmin(locals, url, 'admin.settings');
  const [settings, sso, domains, groups, calls, tokens] = await Promise.all([
    getProvisioningSettings(site.db),
    ssoAdminView(site.db),
    listApprovedDomains(site.db),
    listGroupsForMapping(site.db),
    listRecentScimCalls(site.db),
    listServiceApiTokensForWorkspace(site.db, sessionActorOf(auth))
  ]);
  const connections = [
    ...(sso.google ? [{ id: sso.google.id, label: 'Google Workspace' }] : []),
    ...(sso.microsoft ? [{ id: sso.microsoft.id, label: 'Microsoft Entra' }] : []),
    ...sso.saml.map((s) => ({ id: s.id, label: `${s.name} (SAML)` }))
  ];
  return {
    settings,
    connections,
    domains,
    groups,
    calls,
    baseUrl: `${url.origin}/scim/v2`,
    tokens: (tokens ?? []).filter((t) => t.scopes.includes('scim') && t.status === 'active')
  };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '');

export const actions: Actions = {
  save: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url, 'admin.settings');
    const form = await request.formData();
    const raw = {
      enabled: form.get('enabled') === 'on',
      newPeople: str(form, 'newPeople'),
      connectionId: str(form, 'connectionId'),
      subjectAttribute: str(form, 'subjectAttribute')
    };
    const parsed = provisioningSettingsSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { form: 'save', fields: fieldErrors(parsed.error), values: raw });
    const result = await saveProvisioningSettings(site.db, sessionActorOf(auth), parsed.data);
    if (!result.ok) return fail(400, { form: 'save', fields: result.fields ?? {}, values: raw });
    return {
      form: 'save',
      saved: parsed.data.enabled
        ? 'Provisioning settings saved. SCIM is on.'
        : 'Provisioning settings saved. SCIM is off.'
    };
  },
  createToken: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url, 'admin.settings');
    const expiry = str(await request.formData(), 'expiry');
    const choice =
      (EXPIRY_CHOICES as readonly string[]).includes(expiry) && expiry !== 'custom' ? expiry : '365';
    const result = await createApiToken(site.db, sessionActorOf(auth), 'service', {
      name: SCIM_TOKEN_NAME,
      scopes: ['scim'],
      expiry: choice as (typeof EXPIRY_CHOICES)[number],
      allowedAddresses: []
    });
    if (!result.ok)
      return fail(400, {
        form: 'token',
        message: 'message' in result ? result.message : Object.values(result.fields).flat()[0]
      });
    return { form: 'token', secret: result.token.secret };
  },
  revokeToken: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url, 'admin.settings');
    const id = str(await request.formData(), 'tokenId').slice(0, 64);
    const result = await revokeApiToken(site.db, sessionActorOf(auth), 'service', id);
    if (!result.ok) return fail(404, { form: 'token', message: 'That token was already revoked.' });
    return { form: 'token', saved: 'Token revoked. Your identity provider’s next call will be refused.' };
  },
  groupRole: async ({ locals, url, request }) => {
    const { site, auth } = requireAdmin(locals, url, 'admin.settings');
    const form = await request.formData();
    const parsed = groupRoleSchema.safeParse({ groupId: str(form, 'groupId'), role: str(form, 'role') });
    if (!parsed.success) return fail(400, { form: 'groups', message: parsed.error.issues[0]!.message });
    const { groupId, role } = parsed.data;
    const result = await setGroupRoleForWorkspace(
      site.db,
      sessionActorOf(auth),
      groupId,
      role === 'admin' ? 'admin' : null
    );
    if (!result.ok)
      return fail(result.code === 'not_found' ? 404 : 409, { form: 'groups', message: result.message });
    return {
      form: 'groups',
      saved:
        role === 'admin'
          ? `Members of ${result.displayName} are administrators.`
          : `Members of ${result.displayName} keep the role they have from elsewhere, or become employees.`
    };
  }
};
