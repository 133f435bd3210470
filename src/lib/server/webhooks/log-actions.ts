// "Redeliver" and "Send test event" on an endpoint's page, and the 30-day pruning of the log.
// Both actions write an outbox row in the same batch as their audit row; the loop sends it within a
// second (the page's write request wakes it). A redelivery sends the logged body again with the same
// `webhook-id`, so a receiver that de-duplicates by id treats it as the same message.
import { and, eq, lt } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { outbox, webhookEndpoints, webhookEventOnce, webhookMessages } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { TEST_EVENT_TYPE } from '../../contracts/webhook-events';
import { WEBHOOK_CHANNEL, webhookEventStatement, type WebhookOutboxPayload } from './events';
import { LOG_RETENTION_MS } from './views';

export type LogActionResult =
  { ok: true } | { ok: false; code: 'forbidden' | 'not_found' | 'disabled'; message: string };

const DISABLED = {
  ok: false,
  code: 'disabled',
  message: 'This endpoint is disabled. Enable it first.'
} as const;

async function endpointStatus(db: TenantDb, id: string) {
  return db
    .select({ status: webhookEndpoints.status, url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .get();
}

export async function sendTestWebhookEvent(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
  now = Date.now()
): Promise<LogActionResult> {
  if (!actorCan(actor, 'admin.settings')) return { ok: false, code: 'forbidden', message: 'Not allowed.' };
  const endpoint = await endpointStatus(db, endpointId);
  if (!endpoint) return { ok: false, code: 'not_found', message: 'That endpoint no longer exists.' };
  if (endpoint.status !== 'enabled') return DISABLED;
  await db.batch([
    webhookEventStatement(
      db,
      TEST_EVENT_TYPE,
      { message: 'This is a test event from OnTrackio.', endpoint: { id: endpointId, url: endpoint.url } },
      { now, endpointId }
    ),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'webhook.test_sent',
      entityType: 'webhook_endpoint',
      entityId: endpointId
    })
  ]);
  return { ok: true };
}

export async function redeliverWebhookMessage(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
  messageId: string,
  now = Date.now()
): Promise<LogActionResult> {
  if (!actorCan(actor, 'admin.settings')) return { ok: false, code: 'forbidden', message: 'Not allowed.' };
  const endpoint = await endpointStatus(db, endpointId);
  const message = await db
    .select({ eventId: webhookMessages.eventId, eventType: webhookMessages.eventType })
    .from(webhookMessages)
    .where(and(eq(webhookMessages.id, messageId), eq(webhookMessages.endpointId, endpointId)))
    .get();
  if (!endpoint || !message)
    return { ok: false, code: 'not_found', message: 'That delivery is no longer in the log.' };
  if (endpoint.status !== 'enabled') return DISABLED;
  const payload: WebhookOutboxPayload = { eventId: message.eventId, endpointId, messageId };
  await db.batch([
    db.insert(outbox).values({
      channel: WEBHOOK_CHANNEL,
      // Its own key: a redelivery never waits behind (or blocks) the original's attempts.
      orderingKey: `webhook:${endpointId}:${message.eventId}:redeliver:${crypto.randomUUID()}`,
      eventType: message.eventType,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now
    }),
    db.update(webhookMessages).set({ status: 'pending' }).where(eq(webhookMessages.id, messageId)),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'webhook.redelivered',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      after: { webhookId: message.eventId, eventType: message.eventType }
    })
  ]);
  return { ok: true };
}

/** Drops log entries (and their attempts) older than 30 days; run by the daily job. */
export async function pruneWebhookLog(db: TenantDb, now: number): Promise<void> {
  await db.batch([
    db.delete(webhookMessages).where(lt(webhookMessages.createdAt, now - LOG_RETENTION_MS)),
    db.delete(webhookEventOnce).where(lt(webhookEventOnce.createdAt, now - 400 * 24 * 3600_000))
  ]);
}
