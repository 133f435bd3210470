// Emitting a webhook event: the one statement a service adds to the batch that makes the change.
// It writes one outbox row (channel 'webhook') per enabled endpoint subscribed to the event type, in
// the same batch, so the change and its announcement are saved together or not at all; no endpoint
// listening means no row at all. Each row carries the exact JSON body to send (signed as is) and the
// event id, which is the `webhook-id` header on every attempt and redelivery.
import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { outbox, webhookEventOnce } from '../db/tenant-schema';
import type { WebhookEventType } from '../../contracts/webhook-events';
import { displayNameOf, personIdOf, type Actor } from '../authz/actor';

export const WEBHOOK_CHANNEL = 'webhook' as const;

export interface WebhookEventOptions {
  now?: number;
  /** Only if the statement just before changed exactly one row (after a conditional UPDATE or audit). */
  onlyIfChanged?: boolean;
  /** Only when this SQL condition holds (e.g. "the row this batch inserted exists"). */
  onlyIf?: SQL;
  /** Only for this endpoint, whatever it subscribes to (Send test event, Redeliver). */
  endpointId?: string;
}

/** The payload of a webhook outbox row (what the delivery handler reads). */
export interface WebhookOutboxPayload {
  eventId: string;
  endpointId: string;
  /** The exact request body; absent for a redelivery (the logged message's body is sent again). */
  body?: string;
  /** Set on a row made by "Redeliver": the message to send again. */
  messageId?: string;
}

/** Who did it, as event data: the person's id (null for a token, SCIM or a job) and a display name. */
export function actorRefOf(actor: Actor): { id: string | null; name: string } {
  return { id: personIdOf(actor), name: displayNameOf(actor) };
}

export const newEventId = () => `msg_${crypto.randomUUID().replaceAll('-', '')}`;

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export function eventBody(type: string, data: unknown, now: number): string {
  return JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
}

export function webhookEventStatement(
  db: TenantDb,
  type: WebhookEventType | 'webhook.test',
  data: unknown,
  opts: WebhookEventOptions = {}
) {
  const now = opts.now ?? Date.now();
  const eventId = newEventId();
  const conds: SQL[] = [sql`e.status = 'enabled'`];
  conds.push(
    opts.endpointId
      ? sql`e.id = ${opts.endpointId}`
      : sql`EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE json_each.value = ${type})`
  );
  // changes() still reports the statement before this one while this INSERT … SELECT runs.
  if (opts.onlyIfChanged) conds.push(sql`changes() = 1`);
  if (opts.onlyIf) conds.push(opts.onlyIf);
  // Column order of outbox: id, channel, ordering_key, event_type, payload, status, attempts,
  // next_attempt_at, last_error, created_at, finished_at. One key per event and endpoint: webhook
  // deliveries are independent, so one failing message never holds up another.
  return db.insert(outbox).select(sql`
    SELECT NULL, ${WEBHOOK_CHANNEL}, 'webhook:' || e.id || ':' || ${eventId}, ${type},
      json_object('eventId', ${eventId}, 'endpointId', e.id, 'body', ${eventBody(type, data, now)}),
      'pending', 0, ${now}, NULL, ${now}, NULL
    FROM webhook_endpoints e WHERE ${sql.join(conds, sql` AND `)}`);
}

/**
 * For events a daily job finds (a loan overdue, a device not seen for a week, a licence renewing):
 * claim `key` and emit only if this run claimed it, so a repeated or overlapping run emits nothing.
 */
export function webhookEventOnceStatements(
  db: TenantDb,
  key: string,
  type: WebhookEventType,
  data: unknown,
  now = Date.now()
) {
  return [
    db.insert(webhookEventOnce).values({ key, createdAt: now }).onConflictDoNothing(),
    webhookEventStatement(db, type, data, { now, onlyIfChanged: true })
  ] as const;
}
