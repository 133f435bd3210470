import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { confirmPairingForUser, viewPairingForUser } from '$lib/server/devices/pairing';
import { operatingSystemLabel } from '$lib/server/devices/devices';
import { platformEnv } from '$lib/server/http/platform';

// Signed-out visitors are sent to Sign in and come back here (requireSignedIn keeps path + query).
export const load: PageServerLoad = async ({ locals, url, params, platform }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const state = await viewPairingForUser(
    platformEnv({ platform }),
    site.workspace.slug,
    site.db,
    auth.user.id,
    params.id,
    url.searchParams.get('t')
  );
  if (state.kind !== 'ready') return { state: { kind: state.kind } as const, token: null };
  return {
    state: {
      kind: 'ready' as const,
      facts: {
        hostname: state.facts.hostname,
        operatingSystem: operatingSystemLabel(state.facts.osName, state.facts.osVersion ?? null),
        cpu: state.facts.cpu ?? 'unknown'
      },
      agentConnected: state.agentConnected,
      currentDevice: state.currentDevice
        ? { hostname: state.currentDevice.hostname, lastSeenAt: state.currentDevice.lastSeenAt }
        : null
    },
    token: url.searchParams.get('t')
  };
};

export const actions: Actions = {
  // "Pair this device with my account".
  confirm: async ({ locals, url, params, platform, request }) => {
    const { auth, site } = requireSignedIn(locals, url);
    const form = await request.formData();
    const token = typeof form.get('t') === 'string' ? String(form.get('t')) : null;
    const result = await confirmPairingForUser(
      platformEnv({ platform }),
      { slug: site.workspace.slug, name: site.workspace.name },
      site.db,
      { id: auth.user.id, name: auth.user.name, email: auth.user.email },
      params.id,
      token
    );
    if (result.ok) return { outcome: 'sent' as const, hostname: result.hostname };
    if (result.code === 'agent_unreachable')
      return {
        outcome: 'unreachable' as const,
        code: result.issued.code,
        expiresAt: result.issued.expiresAt
      };
    return fail(410, { outcome: result.code });
  }
};
