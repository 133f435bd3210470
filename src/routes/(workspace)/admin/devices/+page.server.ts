import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { listDevicesForWorkspace } from '$lib/server/devices/admin-devices';
import { devicesQuerySchema } from '$lib/contracts/admin-people';
import { revokeDeviceAsAdmin } from '$lib/server/devices/devices';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.devices');
  const parsed = devicesQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const filter = parsed.success ? parsed.data : {};
  return { devices: await listDevicesForWorkspace(site.db, filter), stale: filter.seen === 'stale' };
};

export const actions: Actions = {
  revoke: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.devices');
    const form = await request.formData();
    const result = await revokeDeviceAsAdmin(site.db, actor, String(form.get('deviceId') ?? ''));
    if (result.ok)
      return {
        notice:
          'Pairing revoked. The agent is refused from its next call, and the person can pair a new computer.'
      };
    return fail(409, { problem: 'That pairing is already revoked or no longer exists.' });
  }
};
