// POST /api/v1/helpdesk/webhook: the help desk's signed nudge (src/lib/server/helpdesk/webhook.ts).
// Outside the browser API's same-origin and session middleware: the help desk is a server with no
// Origin and no session; the signature is its credential. The tenant comes from the host only. The
// body is read raw (the signature covers its exact bytes), so the route declares no body schema.
import * as z from 'zod';
import { $ } from '@hono/zod-openapi';
import { newRouter } from '../access/router';
import { publicRoute } from '../access/route-builders';
import { errorJson, json } from '../access/responses';
import { apiError } from '../errors';
import { siteContext } from '../middleware/context';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import { receiveHelpdeskWebhook } from '../../../src/lib/server/helpdesk/webhook';
import { attemptLimit, describeWait, peekLimit } from '../../../src/lib/server/ratelimit/limits';

const CODES = {
  400: 'bad_request',
  401: 'unauthenticated',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large'
} as const;

export const helpdeskWebhookRoutes = $(newRouter().use('*', siteContext)).openapi(
  publicRoute({
    method: 'post',
    path: '/webhook',
    tag: 'Help desk',
    summary: 'Help-desk webhook (signed)',
    description:
      'Called by the help desk (Request Tracker’s OnTrackio Scrip), not by a browser. Headers ' +
      '`X-OnTrackio-Timestamp` (unix seconds) and `X-OnTrackio-Signature: v1=<hex HMAC-SHA256 of ' +
      '"<timestamp>.<raw body>" with the signing secret>`; body `{"event_id": …}`. Only a nudge: ' +
      'OnTrackio then reads the help desk’s own history (docs/helpdesk.md).',
    responses: {
      202: json(
        'Accepted; the sync runs after.',
        z.object({ accepted: z.literal(true), eventId: z.string() })
      ),
      409: errorJson('`conflict`: this event id was already accepted (a replay).')
    }
  }),
  async (c) => {
    const slug = c.get('workspace').slug;
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
    const verdict = await receiveHelpdeskWebhook(c.env, c.get('db'), c.req.raw);
    if (!verdict.ok) {
      if (verdict.status === 401) await attemptLimit(c.env, slug, 'helpdeskWebhookAddress', address);
      return apiError(c, verdict.status, CODES[verdict.status], verdict.message);
    }
    const sync = c.env.HELPDESK_SYNC.get(c.env.HELPDESK_SYNC.idFromName(slug));
    c.executionCtx.waitUntil(
      sync
        .pull(slug)
        .catch((e) =>
          console.error(JSON.stringify({ event: 'helpdesk.pull_failed', slug, error: String(e) }))
        )
    );
    return c.json({ accepted: true as const, eventId: verdict.eventId }, 202);
  }
);
