// THE PLACE FOR WEBHOOK EVENTS in the API description (issue 14 part 3). OpenAPI 3.1 describes outgoing
// events under the top-level `webhooks` key; each event is registered like a route, with the same zod
// schema the sender uses to build the payload, so the description cannot drift from what is sent:
//
//   registry.registerWebhook({
//     method: 'post',
//     path: 'request.created',                       // the event type, as the endpoint chooses it
//     tags: ['Webhooks'],
//     summary: 'A request was raised',
//     request: {
//       headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
//       body: { content: { 'application/json': { schema: requestCreatedEventSchema } } }
//     },
//     responses: { 200: { description: 'Any 2xx acknowledges; a 410 disables the endpoint.' } }
//   });
//
// No events are sent yet, so none are registered; document.ts publishes whatever is registered here.
import type { OpenAPIHono } from '@hono/zod-openapi';

export function registerWebhookEvents(_registry: OpenAPIHono['openAPIRegistry']): void {}
