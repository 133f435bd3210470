// Development only (APP_ENV=development): the mail this workspace "sent", newest first, so a developer
// can open reset and welcome links. In production this page does not exist (404).
import { error } from '@sveltejs/kit';
import { and, desc, eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { openControlDb } from '$lib/server/db';
import { emailOutbox } from '$lib/server/db/control-schema';
import { platformEnv } from '$lib/server/http/platform';

export const load: PageServerLoad = async ({ locals, platform, setHeaders }) => {
  const env = platformEnv({ platform });
  const site = locals.site;
  if (env.APP_ENV !== 'development' || site.kind !== 'workspace')
    error(404, { message: 'Page not found', code: 'not_found' });
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  const rows = await openControlDb(env.DB_CONTROL)
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      text: emailOutbox.textBody,
      createdAt: emailOutbox.createdAt
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.workspaceSlug, site.workspace.slug), eq(emailOutbox.delivery, 'outbox')))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(50);
  return { workspace: site.workspace.name, messages: rows };
};
