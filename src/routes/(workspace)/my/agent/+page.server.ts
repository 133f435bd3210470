import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { getActiveDeviceForUser, listInstalledSoftwareForUser } from '$lib/server/devices/devices';
import { currentPairingCodeForUser, issuePairingCodeForUser } from '$lib/server/devices/pairing';
import { loadAgentDownloads } from '$lib/server/devices/downloads';
import { platformEnv } from '$lib/server/http/platform';
import { downloadDetail, momentOf } from '$lib/devices/format';
import type { AgentDownloads } from '$lib/contracts/agent-release';
import type { DeviceCard } from '$lib/server/devices/devices';

// Times, sizes and platform notes leave as words (the page's JavaScript carries no formatting code).
const shownDevice = (d: DeviceCard) => ({
  hostname: d.hostname,
  operatingSystem: d.operatingSystem,
  agentVersion: d.agentVersion ?? 'unknown',
  enrolledAt: momentOf(d.enrolledAt),
  lastSeenAt: d.lastSeenAt === null ? null : momentOf(d.lastSeenAt)
});
const shownDownloads = (downloads: AgentDownloads | null) =>
  downloads && {
    files: downloads.files.map((f) => ({ ...f, detail: downloadDetail(f) })),
    missing: downloads.missing
  };

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
    return {
      device: shownDevice(device),
      software,
      softwareCount: `${software.length} ${software.length === 1 ? 'application' : 'applications'}`,
      code: null,
      downloads: null,
      filter: url.searchParams.get('q') ?? ''
    };
  return {
    device: null,
    software: [],
    softwareCount: '',
    code: code && { code: code.code, expiresAt: momentOf(code.expiresAt) },
    downloads: shownDownloads(downloads),
    filter: ''
  };
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
