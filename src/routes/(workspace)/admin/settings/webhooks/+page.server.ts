// Admin › Settings › Webhooks: the workspace's endpoints and "Add endpoint" (issue 14 §3). The rules
// (URL policy, events, the sealed secret) are the service's (src/lib/server/webhooks).
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { listWebhookEndpointsForWorkspace } from '$lib/server/webhooks/views';
import { emptyWebhookForm, saveWebhookFromForm } from '$lib/server/webhooks/form-actions';
import { platformEnv } from '$lib/server/http/platform';

const admin = (locals: App.Locals, url: URL) => {
  const ctx = requireAdmin(locals, url, 'admin.settings');
  return { db: ctx.site.db, actor: ctx.actor };
};

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { db, actor } = admin(locals, url);
  return {
    endpoints: (await listWebhookEndpointsForWorkspace(db, actor)) ?? [],
    emptyForm: emptyWebhookForm(),
    development: platformEnv({ platform }).APP_ENV === 'development'
  };
};

export const actions: Actions = {
  create: async ({ locals, url, request, platform }) => {
    const { db, actor } = admin(locals, url);
    return saveWebhookFromForm(platformEnv({ platform }), db, actor, await request.formData(), null);
  }
};
