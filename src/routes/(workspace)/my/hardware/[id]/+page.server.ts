import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getHardwareForUser } from '$lib/server/hardware/my-hardware';
import { acknowledgeHardwareForUser } from '$lib/server/hardware/acknowledge-receipt';
import { reportProblemForUser } from '$lib/server/hardware/report-problem';
import { problemReportSchema } from '$lib/contracts/my';
import { fieldErrors } from '$lib/contracts/errors';

const notYours = () => error(404, { message: 'No hardware item of yours has that id', code: 'not_found' });

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const item = await getHardwareForUser(site.db, auth.user.id, params.id);
  if (!item) notYours();
  return { item: item! };
};

export const actions: Actions = {
  acknowledge: async ({ locals, url, params }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const result = await acknowledgeHardwareForUser(site.db, auth.user.id, params.id);
    if (!result.ok) notYours();
    return { acknowledged: true };
  },
  report: async ({ locals, url, params, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    const values = {
      description: String(form.get('description') ?? ''),
      priority: String(form.get('priority') ?? '')
    };
    const parsed = problemReportSchema.safeParse(values);
    if (!parsed.success) return fail(400, { report: { values, fields: fieldErrors(parsed.error) } });
    const created = await reportProblemForUser(site.db, auth.user, params.id, parsed.data);
    if (!created) notYours();
    return { reported: true };
  }
};
