import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isValidWorkspaceSlug, workspaceUrl } from '$lib/server/tenancy/host';
import { can } from '$lib/server/authz/roles';
import { platformEnv } from '$lib/server/http/platform';

// `/` is the central "find your workspace" page on the bare host, and a redirect inside a workspace.
export const load: PageServerLoad = ({ locals, url, platform }) => {
  const site = locals.site;
  if (site.kind === 'unknown')
    error(404, { message: 'No workspace at this address', code: 'workspace_not_found' });
  if (site.kind === 'suspended')
    error(403, { message: 'This workspace is suspended', code: 'workspace_suspended' });
  if (site.kind === 'workspace') {
    const user = locals.auth?.user;
    if (!user) redirect(303, '/login');
    redirect(303, can(user.role, 'admin.console') ? '/admin' : '/my');
  }

  // Central address: the optional "type your workspace name" field is a GET form back to this page.
  // It only builds a URL from what was typed; it never looks anything up, so it reveals nothing.
  const typed = url.searchParams.get('workspace');
  if (typed !== null) {
    const slug = typed.trim().toLowerCase();
    if (isValidWorkspaceSlug(slug))
      redirect(303, workspaceUrl(slug, url, platformEnv({ platform }).APP_HOST));
    return { typed, invalid: true };
  }
  return { typed: '', invalid: false };
};
