// Helpers for the webhook tests: the loopback receiver (tests/worker/webhook-receiver.ts, verifying
// with the standardwebhooks package), endpoints made through the service, and the delivery loop run
// with a chosen clock so three days of retries take no time.
import { adminActor } from './helpers';
import { env } from 'cloudflare:workers';
import { and, eq, like } from 'drizzle-orm';
import { openTenantDb } from '../../src/lib/server/db';
import { outbox, webhookEndpoints, webhookMessages } from '../../src/lib/server/db/tenant-schema';
import { drainOutbox } from '../../src/lib/server/outbox/drain';
import { webhookHandler } from '../../src/lib/server/webhooks/deliver';
import { createWebhookEndpoint } from '../../src/lib/server/webhooks/endpoints';
import type { HostResolver } from '../../src/lib/server/webhooks/resolve-host';
import type { WebhookEventType } from '../../src/lib/contracts/webhook-events';

import type { ReceivedDelivery } from './webhook-receiver';

export const acme = () => openTenantDb(env.DB_ACME);

/** why: no internet here; a resolver that must not be asked (every test URL is an address literal). */
export const noDns: HostResolver = {
  resolve: async (name) => {
    throw new Error(`unexpected DNS lookup of ${name}`);
  }
};

export const receiverUrl = (name: string) => `${env.TEST_WEBHOOK_RECEIVER}/hooks/${name}`;

export async function configureReceiver(name: string, patch: { secrets?: string[]; mode?: string }) {
  await fetch(`${env.TEST_WEBHOOK_RECEIVER}/_control/${name}`, {
    method: 'PUT',
    body: JSON.stringify(patch)
  });
}

export async function receivedBy(name: string): Promise<ReceivedDelivery[]> {
  const res = await fetch(`${env.TEST_WEBHOOK_RECEIVER}/_control/${name}`);
  return ((await res.json()) as { deliveries: ReceivedDelivery[] }).deliveries;
}

/** Waits (polling, with a deadline) until the receiver has at least `n` deliveries for `name`. */
export async function waitForDeliveries(name: string, n: number, deadlineMs = 15_000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const got = await receivedBy(name);
    if (got.length >= n) return got;
    if (Date.now() > until) throw new Error(`receiver ${name} got ${got.length} of ${n} deliveries in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An endpoint pointing at the receiver slot `name` (registered with its secret), via the service. */
export async function receiverEndpoint(
  name: string,
  eventTypes: WebhookEventType[],
  mode = 'ok'
): Promise<{ id: string; secret: string }> {
  const result = await createWebhookEndpoint(
    env,
    acme(),
    await adminActor(),
    { url: receiverUrl(name), description: `test ${name}`, eventTypes },
    noDns
  );
  if (!result.ok || !result.secret) throw new Error(`could not create endpoint: ${JSON.stringify(result)}`);
  await configureReceiver(name, { secrets: [result.secret], mode });
  return { id: result.id, secret: result.secret };
}

/** One run of the delivery loop for acme, with the webhook channel only, at `now`. */
export function drainAt(now: number) {
  return drainOutbox(
    acme(),
    env,
    'acme',
    { webhook: webhookHandler({ resolver: noDns }) },
    { now: () => now }
  );
}

export const outboxRowsFor = (endpointId: string) =>
  acme()
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, 'webhook'), like(outbox.orderingKey, `webhook:${endpointId}:%`)))
    .orderBy(outbox.id)
    .all();

export const messagesFor = (endpointId: string) =>
  acme().select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpointId)).all();

export const endpointRow = (id: string) =>
  acme().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();

export const uniqueName = () => `r${crypto.randomUUID().slice(0, 8)}`;

/** The events written for an endpoint since outbox row `afterId`, as { type, data }. */
export async function outboxEventsSince(endpointId: string, afterId: number) {
  return (await outboxRowsFor(endpointId))
    .filter((r) => r.id > afterId)
    .map((r) => {
      const body = JSON.parse((JSON.parse(r.payload) as { body: string }).body) as {
        type: string;
        data: unknown;
      };
      return { type: body.type, data: body.data as Record<string, Record<string, unknown>> };
    });
}

/** The id of the endpoint's newest outbox row (0 when none): a mark to read events after. */
export const lastOutboxId = async (endpointId: string) => (await outboxRowsFor(endpointId)).at(-1)?.id ?? 0;
