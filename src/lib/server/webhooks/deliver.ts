// The outbox channel 'webhook': one delivery attempt of one event to one endpoint (the loop in
// outbox/drain.ts calls it, retries it on WEBHOOK_RETRY_POLICY and records the outcome).
// Each attempt: the endpoint must still exist and be enabled; its URL is checked again (the host may
// now resolve elsewhere); the request is signed per Standard Webhooks with the current secret (and the
// previous one during a rotation); redirects are not followed; the attempt and the first 2 KB of the
// answer go into the delivery log. A 410 disables the endpoint at once; the last failed attempt of the
// schedule disables it too; both tell the admins.
import { and, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  auditLog,
  notifications,
  webhookAttempts,
  webhookEndpoints,
  webhookMessages
} from '../db/tenant-schema';
import { openSecret } from '../auth/secret-box';
import { newId } from '../notifications/notify';
import { outcomeOfHttpFailure, outcomeOfNetworkError } from '../outbox';
import type { DeliveryContext, DeliveryOutcome, OutboxChange, OutboxHandler } from '../outbox';
import { secretOwner } from './endpoints';
import { signatureHeader } from './signing';
import { checkWebhookUrl } from './url-policy';
import { dohResolver, type HostResolver } from './resolve-host';
import { WEBHOOK_RETRY_POLICY } from './retry-schedule';
import type { WebhookOutboxPayload } from './events';

export const RESPONSE_BODY_LIMIT = 2048;
export const DELIVERY_TIMEOUT_MS = 15_000;
export const SYSTEM_LABEL = 'Webhooks';

type Endpoint = typeof webhookEndpoints.$inferSelect;
type Message = typeof webhookMessages.$inferSelect;

function payloadOf(change: OutboxChange): WebhookOutboxPayload | null {
  const p = change.payload as Partial<WebhookOutboxPayload> | null;
  return p && typeof p.eventId === 'string' && typeof p.endpointId === 'string'
    ? (p as WebhookOutboxPayload)
    : null;
}

/** The logged message this row delivers, created on its first attempt (idempotent). */
async function messageFor(
  db: TenantDb,
  change: OutboxChange,
  p: WebhookOutboxPayload
): Promise<Message | null> {
  if (p.messageId)
    return (
      (await db
        .select()
        .from(webhookMessages)
        .where(and(eq(webhookMessages.id, p.messageId), eq(webhookMessages.endpointId, p.endpointId)))
        .get()) ?? null
    );
  if (typeof p.body !== 'string') return null;
  await db
    .insert(webhookMessages)
    .values({
      id: crypto.randomUUID(),
      endpointId: p.endpointId,
      eventId: p.eventId,
      eventType: change.eventType,
      payload: p.body,
      createdAt: change.createdAt
    })
    .onConflictDoNothing();
  return (
    (await db
      .select()
      .from(webhookMessages)
      .where(and(eq(webhookMessages.eventId, p.eventId), eq(webhookMessages.endpointId, p.endpointId)))
      .get()) ?? null
  );
}

/** Reads at most `limit` bytes of the answer, then lets the rest go. */
async function readSome(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
    if (at >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

interface AttemptRecord {
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number | null;
}

/** The attempt row and the message's state, in one batch. */
async function logAttempt(
  db: TenantDb,
  message: Message,
  attempt: AttemptRecord,
  status: Message['status'],
  at: number
) {
  await db.batch([
    db.insert(webhookAttempts).values({ messageId: message.id, attemptedAt: at, ...attempt }),
    db
      .update(webhookMessages)
      .set({
        status,
        attempts: sql`${webhookMessages.attempts} + 1`,
        lastAttemptAt: at,
        lastResponseStatus: attempt.responseStatus
      })
      .where(eq(webhookMessages.id, message.id))
  ]);
}

/** Disables an enabled endpoint, tells every active admin and writes the audit row, all at most once. */
export async function disableEndpointAutomatically(
  db: TenantDb,
  endpoint: Pick<Endpoint, 'id' | 'url'>,
  reason: 'failing' | 'gone',
  detail: string,
  now: number
) {
  const stillEnabled = sql`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${endpoint.id} AND status = 'enabled')`;
  const why =
    reason === 'gone'
      ? 'The receiver answered 410 Gone, which means “stop sending”.'
      : 'Deliveries have failed for about three days.';
  return db.batch([
    // Column order of notifications: id, user_id, kind, title, body, link, read_at, created_at.
    db.insert(notifications).select(sql`SELECT ${newId}, id, 'webhook_disabled',
      ${`Webhook endpoint disabled: ${endpoint.url}`}, ${`${why} Fix the receiver, then enable the endpoint again.`},
      ${`/admin/settings/webhooks/${endpoint.id}`}, NULL, ${now}
      FROM users WHERE role = 'admin' AND status = 'active' AND ${stillEnabled}`),
    // Column order of audit_log: id, actor_id, action, entity_type, entity_id, before, after,
    // ip_address, created_at, actor_label.
    db.insert(auditLog).select(sql`SELECT NULL, NULL, 'webhook.disabled_automatically', 'webhook_endpoint',
      ${endpoint.id}, NULL, ${JSON.stringify({ reason, detail })}, NULL, ${now}, ${SYSTEM_LABEL} WHERE ${stillEnabled}`),
    db
      .update(webhookEndpoints)
      .set({ status: 'disabled', disabledReason: reason, disabledAt: now, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, 'enabled')))
  ]);
}

async function secretsOf(ctx: DeliveryContext, endpoint: Endpoint): Promise<string[]> {
  const open = async (sealed: string) =>
    new TextDecoder().decode(await openSecret(ctx.env, secretOwner(endpoint.id), sealed));
  const secrets = [await open(endpoint.secretSealed)];
  if (endpoint.previousSecretSealed && (endpoint.previousSecretExpiresAt ?? 0) > ctx.now)
    secrets.push(await open(endpoint.previousSecretSealed));
  return secrets;
}

export function webhookHandler(opts: { resolver?: HostResolver; fetch?: typeof fetch } = {}): OutboxHandler {
  const resolver = opts.resolver ?? dohResolver;
  return {
    retryPolicy: WEBHOOK_RETRY_POLICY,
    async deliver(change, ctx): Promise<DeliveryOutcome> {
      const { db } = ctx;
      const p = payloadOf(change);
      if (!p) return { kind: 'failed', error: 'Unreadable webhook row.' };
      const endpoint = await db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, p.endpointId))
        .get();
      if (!endpoint) return { kind: 'skipped', reason: 'The endpoint was deleted.' };
      const message = await messageFor(db, change, p);
      if (!message) return { kind: 'failed', error: 'The logged message no longer exists.' };
      if (endpoint.status !== 'enabled') {
        await db.update(webhookMessages).set({ status: 'skipped' }).where(eq(webhookMessages.id, message.id));
        return { kind: 'skipped', reason: 'The endpoint is disabled.' };
      }
      const lastTry = change.attempts + 1 >= WEBHOOK_RETRY_POLICY.maxAttempts;
      const finish = async (outcome: DeliveryOutcome, attempt: AttemptRecord): Promise<DeliveryOutcome> => {
        const at = Date.now();
        if (outcome.kind === 'retry' && lastTry) {
          await logAttempt(db, message, attempt, 'failed', at);
          await disableEndpointAutomatically(db, endpoint, 'failing', outcome.error, ctx.now);
          return { kind: 'failed', error: outcome.error };
        }
        const status =
          outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'retry' ? 'pending' : 'failed';
        await logAttempt(db, message, attempt, status, at);
        return outcome;
      };

      const url = await checkWebhookUrl(endpoint.url, ctx.env, resolver);
      if (!url.ok) {
        const error = `Not sent: ${url.message}`;
        return finish(url.transient ? { kind: 'retry', error } : { kind: 'failed', error }, {
          responseStatus: null,
          responseBody: null,
          error,
          durationMs: null
        });
      }

      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'OnTrackio-Webhooks/1.0',
        'webhook-id': message.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await signatureHeader(
          message.eventId,
          timestamp,
          message.payload,
          await secretsOf(ctx, endpoint)
        )
      };
      const started = Date.now();
      let res: Response;
      try {
        res = await (opts.fetch ?? fetch)(url.url, {
          method: 'POST',
          headers,
          body: message.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS)
        });
      } catch (e) {
        const outcome = outcomeOfNetworkError(e, 'Delivery');
        return finish(outcome, {
          responseStatus: null,
          responseBody: null,
          error: outcome.kind === 'retry' ? outcome.error : String(e),
          durationMs: Date.now() - started
        });
      }
      const body = await readSome(res, RESPONSE_BODY_LIMIT).catch(() => '');
      const attempt: AttemptRecord = {
        responseStatus: res.status,
        responseBody: body || null,
        error: null,
        durationMs: Date.now() - started
      };
      if (res.status >= 200 && res.status < 300) return finish({ kind: 'delivered' }, attempt);
      if (res.status === 410) {
        const error = 'The receiver answered 410 Gone: the endpoint was disabled.';
        await logAttempt(db, message, { ...attempt, error }, 'failed', Date.now());
        await disableEndpointAutomatically(db, endpoint, 'gone', error, ctx.now);
        return { kind: 'failed', error };
      }
      if (res.status >= 300 && res.status < 400) {
        const error = `Redirects are not followed (HTTP ${res.status}${res.headers.get('location') ? ` to ${res.headers.get('location')}` : ''}). Use the final URL.`;
        return finish(
          { kind: 'failed', error: error.slice(0, 500) },
          { ...attempt, error: error.slice(0, 500) }
        );
      }
      const outcome = outcomeOfHttpFailure(res, 'Receiver', '', ctx.now);
      return finish(outcome, {
        ...attempt,
        error: outcome.kind === 'delivered' || outcome.kind === 'skipped' ? null : outcome.error
      });
    }
  };
}
