import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { exportDataForUser } from '$lib/server/profile/export';
import { exportFileName } from '$lib/server/profile/export-file';

// "Download a copy of your own data": the signed-in user's own export as a JSON file.
export const GET: RequestHandler = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const data = await exportDataForUser(site.db, auth.user.id, { slug: site.workspace.slug, name: site.workspace.name });
  if (!data) error(404, { message: 'Page not found', code: 'not_found' });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(site.workspace.slug, data.profile.email)}"`,
      'Cache-Control': 'private, no-store'
    }
  });
};
