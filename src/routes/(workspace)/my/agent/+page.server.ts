import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getActiveDeviceForUser, listInstalledSoftwareForUser } from '$lib/server/devices/devices';
import { currentPairingCodeForUser, issuePairingCodeForUser } from '$lib/server/devices/pairing';
import { loadAgentDownloads } from '$lib/server/devices/downloads';
import { platformEnv } from '$lib/server/http/platform';

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const env = platformEnv({ platform });
  // Side by side, one storage step: what a paired and an unpaired user see are both read, and the
  // half that does not apply is dropped (the software list of an unpaired user is empty anyway).
  const [device, software, code, downloads] = await Promise.all([
    getActiveDeviceForUser(site.db, auth.user.id),
    listInstalledSoftwareForUser(site.db, auth.user.id),
    currentPairingCodeForUser(env, site.workspace.slug, auth.user.id),
    loadAgentDownloads(env.AGENT_RELEASES)
  ]);
  if (device)
    return { device, software, code: null, downloads: null, filter: url.searchParams.get('q') ?? '' };
  return { device: null, software: [], code, downloads, filter: '' };
};

export const actions: Actions = {
  // "Generate pairing code" and "Regenerate code": both replace any earlier unclaimed code.
  generate: async ({ locals, url, platform }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const result = await issuePairingCodeForUser(
      platformEnv({ platform }),
      site.workspace.slug,
      site.db,
      auth.user.id
    );
    if (!result.ok) return fail(409, { message: result.message });
    return { issued: true };
  }
};
