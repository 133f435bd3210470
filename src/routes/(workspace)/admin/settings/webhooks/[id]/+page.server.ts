// One webhook endpoint: edit, signing secret rotation, Send test event, enable / disable, delete, and
// its delivery log (30 days) with Redeliver (issue 14 §3). Rules live in src/lib/server/webhooks.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { getWebhookEndpointForWorkspace, listWebhookLogForEndpoint } from '$lib/server/webhooks/views';
import { saveWebhookFromForm } from '$lib/server/webhooks/form-actions';
import {
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookEndpointEnabled
} from '$lib/server/webhooks/endpoints';
import { redeliverWebhookMessage, sendTestWebhookEvent } from '$lib/server/webhooks/log-actions';
import { platformEnv } from '$lib/server/http/platform';

const missing = () =>
  error(404, { message: 'No webhook endpoint has that id in this workspace.', code: 'not_found' });

const admin = (event: Pick<RequestEvent, 'locals' | 'url'>) => {
  const ctx = requireAdmin(event.locals, event.url, 'admin.settings');
  return { db: ctx.site.db, actor: ctx.actor };
};

export const load: PageServerLoad = async (event) => {
  const { db, actor } = admin(event);
  const endpoint = await getWebhookEndpointForWorkspace(db, actor, event.params.id);
  if (!endpoint) missing();
  return {
    endpoint: endpoint!,
    log: await listWebhookLogForEndpoint(db, actor, event.params.id),
    development: platformEnv(event).APP_ENV === 'development'
  };
};

const gone = (code: string) => (code === 'not_found' ? missing() : fail(403, { problem: 'Not allowed.' }));

export const actions: Actions = {
  save: async (event) => {
    const { db, actor } = admin(event);
    return saveWebhookFromForm(
      platformEnv(event),
      db,
      actor,
      await event.request.formData(),
      event.params.id
    );
  },
  rotate: async (event) => {
    const { db, actor } = admin(event);
    const result = await rotateWebhookSecret(platformEnv(event), db, actor, event.params.id);
    if (!result.ok) return gone(result.code);
    return { rotated: { secret: result.secret } };
  },
  test: async (event) => {
    const { db, actor } = admin(event);
    const result = await sendTestWebhookEvent(db, actor, event.params.id);
    if (!result.ok)
      return result.code === 'disabled' ? fail(409, { problem: result.message }) : gone(result.code);
    return { notice: 'Test event sent. It appears in the delivery log below within a few seconds.' };
  },
  redeliver: async (event) => {
    const { db, actor } = admin(event);
    const messageId = String((await event.request.formData()).get('messageId') ?? '').slice(0, 64);
    const result = await redeliverWebhookMessage(db, actor, event.params.id, messageId);
    if (!result.ok) return fail(result.code === 'forbidden' ? 403 : 409, { problem: result.message });
    return { notice: 'Redelivery queued with the same webhook-id.' };
  },
  enable: async (event) => {
    const { db, actor } = admin(event);
    const result = await setWebhookEndpointEnabled(db, actor, event.params.id, true);
    if (!result.ok) return gone(result.code);
    return { notice: 'Endpoint enabled. New events are delivered again; use Redeliver for missed ones.' };
  },
  disable: async (event) => {
    const { db, actor } = admin(event);
    const result = await setWebhookEndpointEnabled(db, actor, event.params.id, false);
    if (!result.ok) return gone(result.code);
    return { notice: 'Endpoint disabled. Nothing is sent to it until you enable it again.' };
  },
  delete: async (event) => {
    const { db, actor } = admin(event);
    if ((await event.request.formData()).get('confirm') !== 'yes') return { confirmDelete: true };
    const result = await deleteWebhookEndpoint(db, actor, event.params.id);
    if (!result.ok) return gone(result.code);
    redirect(303, '/admin/settings/webhooks');
  }
};
