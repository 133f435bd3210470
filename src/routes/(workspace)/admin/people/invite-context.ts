// The mail context of an invitation sent from a page: this workspace, at the origin the admin is using.
import type { RequestEvent } from '@sveltejs/kit';
import type { InviteContext } from '$lib/server/people/invitations';
import type { Site } from '$lib/server/tenancy/resolve';
import { platformEnv } from '$lib/server/http/platform';

export function inviteContextFor(
  event: Pick<RequestEvent, 'platform' | 'url'>,
  site: Extract<Site, { kind: 'workspace' }>
): InviteContext {
  return {
    env: platformEnv(event),
    slug: site.workspace.slug,
    workspaceName: site.workspace.name,
    origin: event.url.origin
  };
}
