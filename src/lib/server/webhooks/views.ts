// What the Webhooks settings pages show: the endpoints (never a secret) and one endpoint's delivery
// log (30 days: the request body, each attempt's time, status, duration and the first 2 KB of the
// answer, for admins only). Needs admin.settings; null / empty for anyone else.
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users, webhookAttempts, webhookEndpoints, webhookMessages } from '../db/tenant-schema';
import { actorCan, type Actor } from '../authz/actor';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointSummary,
  type WebhookEventType,
  type WebhookMessageView
} from '../../contracts/webhook-events';

export const LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const LOG_PAGE = 50;

function eventTypesOf(text: string): WebhookEventType[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v)
      ? v.filter((t): t is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))
      : [];
  } catch {
    return [];
  }
}

const lastMessage = (column: 'created_at' | 'status') =>
  sql.raw(
    `(SELECT m.${column} FROM webhook_messages m WHERE m.endpoint_id = webhook_endpoints.id ORDER BY m.created_at DESC LIMIT 1)`
  );

function summaryQuery(db: TenantDb, now: number) {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      eventTypes: webhookEndpoints.eventTypes,
      status: webhookEndpoints.status,
      disabledReason: webhookEndpoints.disabledReason,
      disabledAt: webhookEndpoints.disabledAt,
      createdAt: webhookEndpoints.createdAt,
      createdByName: sql<
        string | null
      >`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${webhookEndpoints.createdBy})`,
      rotating: sql<number>`coalesce(${webhookEndpoints.previousSecretExpiresAt} > ${now}, 0)`,
      lastDeliveryAt: sql<number | null>`${lastMessage('created_at')}`,
      lastDeliveryStatus: sql<WebhookEndpointSummary['lastDeliveryStatus']>`${lastMessage('status')}`
    })
    .from(webhookEndpoints);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['all']>>[number];
const toSummary = (r: SummaryRow): WebhookEndpointSummary => ({
  ...r,
  eventTypes: eventTypesOf(r.eventTypes),
  rotating: Boolean(r.rotating)
});

export async function listWebhookEndpointsForWorkspace(
  db: TenantDb,
  actor: Actor,
  now = Date.now()
): Promise<WebhookEndpointSummary[] | null> {
  if (!actorCan(actor, 'admin.settings')) return null;
  const rows = await summaryQuery(db, now).orderBy(desc(webhookEndpoints.createdAt)).limit(100);
  return rows.map(toSummary);
}

export async function getWebhookEndpointForWorkspace(
  db: TenantDb,
  actor: Actor,
  id: string,
  now = Date.now()
): Promise<WebhookEndpointSummary | null> {
  if (!actorCan(actor, 'admin.settings')) return null;
  const row = await summaryQuery(db, now).where(eq(webhookEndpoints.id, id)).get();
  return row ? toSummary(row) : null;
}

/** The endpoint's messages of the last 30 days, newest first, each with its attempts. */
export async function listWebhookLogForEndpoint(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
  now = Date.now()
): Promise<WebhookMessageView[]> {
  if (!actorCan(actor, 'admin.settings')) return [];
  const messages = await db
    .select()
    .from(webhookMessages)
    .where(
      and(eq(webhookMessages.endpointId, endpointId), gte(webhookMessages.createdAt, now - LOG_RETENTION_MS))
    )
    .orderBy(desc(webhookMessages.createdAt))
    .limit(LOG_PAGE);
  if (messages.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.messageId,
        messages.map((m) => m.id)
      )
    )
    .orderBy(desc(webhookAttempts.id));
  return messages.map((m) => ({
    id: m.id,
    webhookId: m.eventId,
    eventType: m.eventType,
    createdAt: m.createdAt,
    status: m.status,
    attempts: m.attempts,
    lastAttemptAt: m.lastAttemptAt,
    lastResponseStatus: m.lastResponseStatus,
    payload: m.payload,
    attemptLog: attempts
      .filter((a) => a.messageId === m.id)
      .map((a) => ({
        at: a.attemptedAt,
        durationMs: a.durationMs,
        responseStatus: a.responseStatus,
        responseBody: a.responseBody,
        error: a.error
      }))
  }));
}
