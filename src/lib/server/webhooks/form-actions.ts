// The form actions of Admin › Settings › Webhooks (list page and endpoint page): parse once, call the
// service, answer with field errors and the typed values, or with the signing secret (shown once).
// Deleting asks first on the server (works without JavaScript), like revoking an API token.
import { fail } from '@sveltejs/kit';
import { fieldErrors } from '../../contracts/errors';
import { webhookEndpointSchema, type WebhookFormValues } from '../../contracts/webhook-events';
import type { Actor } from '../authz/actor';
import type { TenantDb } from '../db';
import { createWebhookEndpoint, updateWebhookEndpoint, type WebhookEnv } from './endpoints';
import { dohResolver, type HostResolver } from './resolve-host';

const text = (form: FormData, key: string, max: number) => String(form.get(key) ?? '').slice(0, max);

export function readWebhookForm(form: FormData): WebhookFormValues {
  return {
    url: text(form, 'url', 2100),
    description: text(form, 'description', 300),
    eventTypes: form
      .getAll('eventTypes')
      .map((v) => String(v).slice(0, 60))
      .slice(0, 60)
  };
}

export const emptyWebhookForm = (): WebhookFormValues => ({ url: '', description: '', eventTypes: [] });

export async function saveWebhookFromForm(
  env: WebhookEnv,
  db: TenantDb,
  actor: Actor,
  form: FormData,
  endpointId: string | null,
  resolver: HostResolver = dohResolver
) {
  const values = readWebhookForm(form);
  const parsed = webhookEndpointSchema.safeParse(values);
  if (!parsed.success) return fail(400, { endpoint: { fields: fieldErrors(parsed.error), values } });
  const result = endpointId
    ? await updateWebhookEndpoint(env, db, actor, endpointId, parsed.data, resolver)
    : await createWebhookEndpoint(env, db, actor, parsed.data, resolver);
  if (!result.ok && result.code === 'invalid')
    return fail(400, { endpoint: { fields: result.fields, values } });
  if (!result.ok && result.code === 'not_found')
    return fail(404, { problem: 'That endpoint no longer exists.' });
  if (!result.ok) return fail(403, { problem: 'Only administrators can change webhooks.' });
  return endpointId
    ? { notice: 'Endpoint saved.' }
    : { created: { id: result.id, url: values.url.trim(), secret: result.secret ?? '' } };
}
