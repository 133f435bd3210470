import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Every page in this group belongs to a workspace. The central address has no sign-in form,
// no password reset and no portal: it sends people to "find your workspace".
export const load: LayoutServerLoad = ({ locals }) => {
  const site = locals.site;
  if (site.kind === 'central') redirect(303, '/');
  if (site.kind === 'unknown')
    error(404, { message: 'No workspace at this address', code: 'workspace_not_found' });
  if (site.kind === 'suspended')
    error(403, { message: 'This workspace is suspended', code: 'workspace_suspended' });
  return {};
};
