import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/http/require-user';
import { serveAgentDownload } from '$lib/server/devices/downloads';

// The agent's release files for a signed-in member of this workspace (anyone else is sent to Sign in),
// streamed from R2 with ranges (src/lib/server/devices/downloads.ts).
const download: RequestHandler = async ({ locals, url, params, platform, request }) => {
  requireSignedIn(locals, url);
  const res = await serveAgentDownload(platform?.env.AGENT_RELEASES, params.file, request);
  if (!res)
    error(404, {
      message: 'This download is no longer available. Open My device again for the current files.',
      code: 'not_found'
    });
  return res;
};

export const GET = download;
export const HEAD = download;
