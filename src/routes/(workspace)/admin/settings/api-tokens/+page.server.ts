// Admin › Settings › API tokens: the workspace's service tokens (owned by the workspace, not a person,
// so an integration survives its creator leaving) and the maximum token lifetime (issue 14 §1).
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { fieldErrors } from '$lib/contracts/errors';
import { maxLifetimeSchema } from '$lib/contracts/api-tokens';
import { listServiceApiTokensForWorkspace } from '$lib/server/api-tokens/list';
import { setMaxLifetimeDays } from '$lib/server/api-tokens/lifetime';
import {
  createTokenFromForm,
  revokeTokenFromForm,
  tokenFormContext
} from '$lib/server/api-tokens/token-form-actions';

const admin = (locals: App.Locals, url: URL) => {
  const ctx = requireAdmin(locals, url, 'admin.settings');
  return { db: ctx.site.db, actor: ctx.actor };
};

export const load: PageServerLoad = async ({ locals, url }) => {
  const { db, actor } = admin(locals, url);
  const [tokens, form] = await Promise.all([
    listServiceApiTokensForWorkspace(db, actor),
    tokenFormContext(db, actor, 'service')
  ]);
  return { tokens: tokens ?? [], ...form };
};

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    const { db, actor } = admin(locals, url);
    return createTokenFromForm(db, actor, 'service', await request.formData());
  },
  revoke: async ({ locals, url, request }) => {
    const { db, actor } = admin(locals, url);
    return revokeTokenFromForm(db, actor, 'service', await request.formData());
  },
  lifetime: async ({ locals, url, request }) => {
    const { db, actor } = admin(locals, url);
    const days = String((await request.formData()).get('days') ?? '').slice(0, 10);
    const parsed = maxLifetimeSchema.safeParse({ days: days.trim() === '' ? undefined : days });
    if (!parsed.success) return fail(400, { lifetime: { fields: fieldErrors(parsed.error), days } });
    const result = await setMaxLifetimeDays(db, actor, parsed.data.days);
    if (!result.ok) return fail(403, { problem: 'Only administrators can change this setting.' });
    return { notice: `Maximum token lifetime saved: ${parsed.data.days} days.` };
  }
};
