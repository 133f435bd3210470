// Admin › Settings › Help desk: connect one help desk per workspace, test it, see what failed and retry
// it, disconnect. The page only parses and calls src/lib/server/helpdesk; the API token is write-only.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { fieldErrors } from '$lib/contracts/errors';
import {
  helpdeskConnectionSchema,
  MAINTENANCE_STATUS_KEYS,
  REQUEST_STATUS_KEYS
} from '$lib/contracts/helpdesk';
import type { Actor } from '$lib/server/authz/actor';
import { helpdeskAdminView } from '$lib/server/helpdesk/admin-view';
import {
  disconnectHelpdesk,
  saveHelpdeskConnection,
  testHelpdeskConnection
} from '$lib/server/helpdesk/connection';
import { retryOutboxChangeForWorkspace } from '$lib/server/outbox';

function adminActor(
  locals: App.Locals,
  url: URL
): { actor: Actor; db: ReturnType<typeof requireAdmin>['site']['db'] } {
  const { site, auth } = requireAdmin(locals, url);
  const u = auth.user;
  return { actor: { kind: 'user', userId: u.id, name: u.name, role: u.role, via: 'session' }, db: site.db };
}

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { db } = adminActor(locals, url);
  return { helpdesk: await helpdeskAdminView(platform!.env, db, url.origin) };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '');

/** The form as the contract reads it (the token is never echoed back to the page). */
function rawInput(form: FormData) {
  return {
    provider: str(form, 'provider'),
    baseUrl: str(form, 'baseUrl'),
    apiToken: str(form, 'apiToken'),
    queue: str(form, 'queue'),
    referenceField: str(form, 'referenceField'),
    statusMap: {
      request: Object.fromEntries(REQUEST_STATUS_KEYS.map((k) => [k, str(form, `request_${k}`)])),
      maintenance: Object.fromEntries(MAINTENANCE_STATUS_KEYS.map((k) => [k, str(form, `maintenance_${k}`)])),
      fulfils: str(form, 'fulfils'),
      working: str(form, 'working')
    }
  };
}

/** Field errors keyed by the form's input names (statusMap.request.pending → request_pending). */
function formFieldErrors(errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [
      k
        .replace(/^statusMap\./, '')
        .replace(/\.\d+$/, '')
        .replace('.', '_'),
      v
    ])
  );
}

function echo(raw: ReturnType<typeof rawInput>) {
  return { ...raw, apiToken: '' };
}

export const actions: Actions = {
  save: async ({ locals, url, request, platform }) => {
    const { db, actor } = adminActor(locals, url);
    const raw = rawInput(await request.formData());
    const parsed = helpdeskConnectionSchema.safeParse(raw);
    if (!parsed.success)
      return fail(400, {
        form: 'save',
        fields: formFieldErrors(fieldErrors(parsed.error)),
        values: echo(raw)
      });
    const result = await saveHelpdeskConnection(platform!.env, db, actor, parsed.data, url.origin);
    if (!result.ok)
      return fail(400, {
        form: 'save',
        fields: result.fields ?? {},
        message: result.message,
        values: echo(raw)
      });
    return { form: 'save', saved: result.message };
  },
  test: async ({ locals, url, request, platform }) => {
    const { db } = adminActor(locals, url);
    const raw = rawInput(await request.formData());
    const parsed = helpdeskConnectionSchema.safeParse(raw);
    if (!parsed.success)
      return fail(400, {
        form: 'save',
        fields: formFieldErrors(fieldErrors(parsed.error)),
        values: echo(raw)
      });
    const check = await testHelpdeskConnection(platform!.env, db, parsed.data);
    if (check.ok) return { form: 'save', tested: check.detail, values: echo(raw) };
    if (check.problem === 'input')
      return fail(400, { form: 'save', fields: check.fields, values: echo(raw) });
    return fail(400, { form: 'save', fields: {}, message: check.message, values: echo(raw) });
  },
  disconnect: async ({ locals, url }) => {
    const { db, actor } = adminActor(locals, url);
    if (!(await disconnectHelpdesk(db, actor)))
      return fail(409, { form: 'disconnect', message: 'The help desk is not connected.' });
    return { form: 'disconnect', saved: 'Help desk disconnected. Tickets already linked keep their links.' };
  },
  retry: async ({ locals, url, request }) => {
    const { db, actor } = adminActor(locals, url);
    const id = Number(str(await request.formData(), 'changeId'));
    if (
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      !(await retryOutboxChangeForWorkspace(db, actor, 'helpdesk', id))
    )
      return fail(409, {
        form: 'retry',
        message: 'That delivery is no longer failed. Reload to see the latest.'
      });
    return { form: 'retry', saved: 'Delivery queued again. It will be sent in a moment.' };
  }
};
