import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { exportDataForUser } from '$lib/server/profile/export';
import { exportZip } from '$lib/server/profile/export-zip';
import { exportFileName } from '$lib/server/profile/export-file';

// "Download a copy of your own data": the signed-in user's own export, as JSON or (?format=zip) a ZIP
// holding the JSON and a CSV per list.
export const GET: RequestHandler = async ({ locals, url }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const data = await exportDataForUser(site.db, auth.user.id, {
    slug: site.workspace.slug,
    name: site.workspace.name
  });
  if (!data) error(404, { message: 'Page not found', code: 'not_found' });
  const zip = url.searchParams.get('format') === 'zip';
  const name = exportFileName(site.workspace.slug, data.profile.email, Date.now(), zip ? 'zip' : 'json');
  const headers = {
    'Content-Type': zip ? 'application/zip' : 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'private, no-store'
  };
  return new Response(zip ? exportZip(data) : JSON.stringify(data, null, 2), { headers });
};
