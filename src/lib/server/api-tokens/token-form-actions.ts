// The form actions both token pages share (My profile › API tokens for personal tokens, Admin ›
// Settings › API tokens for service tokens): parse the form once, call the service, answer with
// field errors and the typed values (nothing typed is lost) or with the new secret, shown once.
// Revoking asks first: a post without `confirm` only returns what to confirm, so the confirmation
// works without JavaScript.
import { fail } from '@sveltejs/kit';
import { fieldErrors } from '../../contracts/errors';
import {
  createApiTokenSchema,
  DEFAULT_EXPIRY,
  scopeGroups,
  type TokenFormValues
} from '../../contracts/api-tokens';
import { isoDate } from '../dates';
import type { Actor } from '../authz/actor';
import type { TenantDb } from '../db';
import { createApiToken } from './create';
import { revokeApiToken } from './revoke';
import { grantableScopes, type ApiTokenKind } from './scope-rules';
import { DAY_MS, getMaxLifetimeDays } from './lifetime';

export const emptyTokenForm = (): TokenFormValues => ({
  name: '',
  scopes: [],
  expiry: DEFAULT_EXPIRY,
  expiresOn: '',
  allowedAddresses: ''
});

const text = (form: FormData, key: string, max = 5000) => String(form.get(key) ?? '').slice(0, max);

function readTokenForm(form: FormData): TokenFormValues {
  return {
    name: text(form, 'name', 500),
    scopes: form
      .getAll('scopes')
      .map((v) => String(v).slice(0, 40))
      .slice(0, 50),
    expiry: text(form, 'expiry', 20),
    expiresOn: text(form, 'expiresOn', 20),
    allowedAddresses: text(form, 'allowedAddresses', 6000)
  };
}

export async function createTokenFromForm(db: TenantDb, actor: Actor, kind: ApiTokenKind, form: FormData) {
  const values = readTokenForm(form);
  const parsed = createApiTokenSchema.safeParse({
    ...values,
    expiresOn: values.expiresOn || undefined
  });
  if (!parsed.success) return fail(400, { create: { fields: fieldErrors(parsed.error), values } });
  const result = await createApiToken(db, actor, kind, parsed.data);
  if (!result.ok && result.code === 'forbidden') return fail(403, { problem: result.message });
  if (!result.ok) return fail(400, { create: { fields: result.fields, values } });
  const { secret, name, expiresAt } = result.token;
  return { created: { secret, name, expiresAt } };
}

export async function revokeTokenFromForm(db: TenantDb, actor: Actor, kind: ApiTokenKind, form: FormData) {
  const tokenId = text(form, 'tokenId', 64);
  if (form.get('confirm') !== 'yes') return { confirmRevoke: { tokenId } };
  const result = await revokeApiToken(db, actor, kind, tokenId);
  if (!result.ok) return fail(404, { problem: 'That token was already revoked or no longer exists.' });
  return { notice: `Token “${result.name}” revoked. Anything using it is refused from its next request.` };
}

/** What the create form needs to render: the scopes this actor may choose and the date bounds. */
export async function tokenFormContext(db: TenantDb, actor: Actor, kind: ApiTokenKind, now = Date.now()) {
  const maxDays = await getMaxLifetimeDays(db);
  return {
    groups: scopeGroups(grantableScopes(actor, kind)),
    maxDays,
    earliestDate: isoDate(now + DAY_MS),
    latestDate: isoDate(now + (maxDays - 1) * DAY_MS),
    emptyForm: emptyTokenForm()
  };
}
