// POST /api/v1/helpdesk/webhook: the help desk's signed nudge (src/lib/server/helpdesk/webhook.ts).
// Outside the browser API's same-origin and session middleware: the help desk is a server with no
// Origin and no session; the signature is its credential. The tenant comes from the host only.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { resolveSite } from '../../../src/lib/server/tenancy/resolve';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import { receiveHelpdeskWebhook } from '../../../src/lib/server/helpdesk/webhook';
import { attemptLimit, describeWait, peekLimit } from '../../../src/lib/server/ratelimit/limits';

export const helpdeskWebhookRoutes = new Hono<ApiEnv>();

helpdeskWebhookRoutes.post('/webhook', async (c) => {
  const site = await resolveSite(c.env, new URL(c.req.url).hostname);
  if (site.kind === 'suspended')
    return apiError(c, 403, 'workspace_suspended', 'This workspace is suspended.');
  if (site.kind !== 'workspace')
    return apiError(c, 404, 'workspace_not_found', 'There is no workspace at this address.');
  const slug = site.workspace.slug;
  const address = clientAddressOf(c.req.raw);
  const limit = await peekLimit(c.env, slug, 'helpdeskWebhookAddress', address);
  if (!limit.allowed) {
    c.header('Retry-After', String(Math.ceil(limit.retryAfterMs / 1000)));
    return apiError(
      c,
      429,
      'rate_limited',
      `Too many refused webhooks. Try again in ${describeWait(limit.retryAfterMs)}.`
    );
  }
  const verdict = await receiveHelpdeskWebhook(c.env, site.db, c.req.raw);
  if (!verdict.ok) {
    if (verdict.status === 401) await attemptLimit(c.env, slug, 'helpdeskWebhookAddress', address);
    const code = (
      {
        400: 'bad_request',
        401: 'unauthenticated',
        404: 'not_found',
        409: 'conflict',
        413: 'payload_too_large'
      } as const
    )[verdict.status];
    return apiError(c, verdict.status, code, verdict.message);
  }
  const sync = c.env.HELPDESK_SYNC.get(c.env.HELPDESK_SYNC.idFromName(slug));
  c.executionCtx.waitUntil(
    sync
      .pull(slug)
      .catch((e) => console.error(JSON.stringify({ event: 'helpdesk.pull_failed', slug, error: String(e) })))
  );
  return c.json({ accepted: true, eventId: verdict.eventId }, 202);
});
