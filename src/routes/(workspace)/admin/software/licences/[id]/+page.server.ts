import { fail } from '@sveltejs/kit';
import { foundOr404, notFound } from '$lib/server/http/not-found';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { licenceSchema, seatAssignSchema, seatDevicesSchema } from '$lib/contracts/admin-software';
import { fieldErrors } from '$lib/contracts/errors';
import {
  assignSeatForWorkspace,
  getLicenceForWorkspace,
  getLicenceFormOptions,
  setSeatDevicesForWorkspace,
  unassignSeatForWorkspace,
  updateLicenceForWorkspace
} from '$lib/server/software/admin-licences';
import { licenceFormValues } from '$lib/server/software/software-form';
import { listActivePeopleForWorkspace } from '$lib/server/people/admin-people';

const MISSING = 'No licence has that id in this workspace';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const [licence, options, people] = await Promise.all([
    getLicenceForWorkspace(site.db, params.id),
    getLicenceFormOptions(site.db),
    listActivePeopleForWorkspace(site.db)
  ]);
  const found = foundOr404(licence, MISSING);
  const holders = new Set(found.seatList.map((s) => s.userId));
  return {
    licence: found,
    options,
    people: people.filter((p) => !holders.has(p.id)),
    created: url.searchParams.has('created')
  };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const values = licenceFormValues(await request.formData());
    const parsed = licenceSchema.safeParse(values);
    if (!parsed.success) return fail(400, { save: { values, fields: fieldErrors(parsed.error) } });
    const result = await updateLicenceForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { notice: 'Licence saved.' };
    if (result.code === 'not_found') notFound(MISSING);
    return fail(400, { save: { values, fields: result.fields ?? {} } });
  },
  assign: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const parsed = seatAssignSchema.safeParse({ userId: String(form.get('userId') ?? '') });
    if (!parsed.success) return fail(400, { assign: { fields: fieldErrors(parsed.error) } });
    const result = await assignSeatForWorkspace(site.db, actor, params.id, parsed.data);
    if (result.ok) return { notice: 'Seat assigned.' };
    if (result.code === 'not_found') notFound(MISSING);
    if (result.code === 'invalid') return fail(400, { assign: { fields: result.fields ?? {} } });
    return fail(409, { problem: result.message });
  },
  unassign: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const seatId = String((await request.formData()).get('seatId') ?? '');
    const result = await unassignSeatForWorkspace(site.db, actor, params.id, seatId);
    if (result.ok) return { notice: 'Seat unassigned.' };
    return fail(409, { problem: result.message });
  },
  devices: async ({ locals, url, params, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const seatId = String(form.get('seatId') ?? '');
    const parsed = seatDevicesSchema.safeParse({ assetIds: form.getAll('assetId').map(String) });
    if (!parsed.success) return fail(400, { devices: { seatId, fields: fieldErrors(parsed.error) } });
    const result = await setSeatDevicesForWorkspace(site.db, actor, params.id, seatId, parsed.data);
    if (result.ok) return { notice: 'Linked devices saved.' };
    if (result.code === 'invalid') return fail(400, { devices: { seatId, fields: result.fields ?? {} } });
    return fail(409, { problem: result.message });
  }
};
