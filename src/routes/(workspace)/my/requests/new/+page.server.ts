import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { createRequestForUser, getRequestFormOptions } from '$lib/server/requests/create-request';
import { newRequestSchema, REQUEST_TYPES, TITLE_MAX } from '$lib/contracts/my';
import { fieldErrors } from '$lib/contracts/errors';

const FIELDS = [
  'type',
  'title',
  'justification',
  'urgency',
  'categoryId',
  'softwareId',
  'specificModel',
  'estimatedCost'
] as const;
export type NewRequestValues = Record<(typeof FIELDS)[number], string>;

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireSignedIn(locals, url);
  // Links elsewhere may pre-fill the type and title (e.g. "Raise a request for a loaner").
  const type = url.searchParams.get('type') ?? '';
  const prefill = {
    type: (REQUEST_TYPES as readonly string[]).includes(type) ? type : '',
    title: (url.searchParams.get('title') ?? '').slice(0, TITLE_MAX)
  };
  return { options: await getRequestFormOptions(site.db), prefill };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as NewRequestValues;
    const parsed = newRequestSchema.safeParse(values);
    if (!parsed.success) return fail(400, { values, fields: fieldErrors(parsed.error) });
    const result = await createRequestForUser(site.db, auth.user, parsed.data);
    if (!result.ok) return fail(400, { values, fields: result.fields });
    redirect(303, `/my/requests?created=${result.id}`);
  }
};
