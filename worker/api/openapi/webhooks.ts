// The webhook events in the API description (OpenAPI 3.1 `webhooks`): one entry per event type of
// contracts/webhook-events.ts, with the Standard Webhooks headers and the `{ type, timestamp, data }`
// envelope the sender builds (server/webhooks/events.ts eventBody). The shape of each event's `data`
// is described in docs/webhooks.md; when an event gets a zod schema for its data, put it here in
// place of the open object, and the description follows the sender.
import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '../../../src/lib/contracts/webhook-events';

const headers = z.object({
  'webhook-id': z.string().describe('The event id: the same on every retry, Redeliver and endpoint.'),
  'webhook-timestamp': z.string().describe('The attempt time, Unix seconds.'),
  'webhook-signature': z
    .string()
    .describe('`v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`; two, space-separated, in a rotation.')
});

export function registerWebhookEvents(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of WEBHOOK_EVENT_TYPES)
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhooks'],
      summary: WEBHOOK_EVENT_LABELS[type],
      description:
        'Signed per the Standard Webhooks specification; the data is described in docs/webhooks.md.',
      request: {
        headers,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                type: z.literal(type),
                timestamp: z.string().describe('When it happened, ISO 8601.'),
                data: z.record(z.string(), z.unknown())
              })
            }
          }
        }
      },
      responses: {
        200: { description: 'Any 2xx within 15 seconds acknowledges; a 410 disables the endpoint at once.' }
      }
    });
}
