// Admin › Settings › Webhooks: the endpoints and their rules, for every caller. Needs admin.settings.
// The URL is checked (url-policy.ts) on every save; the signing secret is generated here, sealed at
// rest (auth/secret-box.ts, owner `webhook:<id>`) and returned only when created or rotated. A
// rotation keeps the previous secret signing alongside the new one for 24 hours. Audit rows are in
// the same batch as each change.
import { and, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { webhookEndpoints } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import { sealSecret, type SecretBoxEnv } from '../auth/secret-box';
import type { WebhookEndpointInput } from '../../contracts/webhook-events';
import { generateWebhookSecret } from './signing';
import { checkWebhookUrl, type UrlPolicyEnv } from './url-policy';
import type { HostResolver } from './resolve-host';

export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
export const secretOwner = (endpointId: string) => `webhook:${endpointId}`;

export type WebhookEnv = SecretBoxEnv & UrlPolicyEnv;

type Fields = Record<string, string[]>;
export type SaveEndpointResult =
  | { ok: true; id: string; secret?: string }
  | { ok: false; code: 'forbidden' | 'not_found' }
  | { ok: false; code: 'invalid'; fields: Fields };

const FORBIDDEN = { ok: false, code: 'forbidden' } as const;
const NOT_FOUND = { ok: false, code: 'not_found' } as const;

async function sealed(env: SecretBoxEnv, id: string, secret: string) {
  return sealSecret(env, secretOwner(id), new TextEncoder().encode(secret));
}

export async function createWebhookEndpoint(
  env: WebhookEnv,
  db: TenantDb,
  actor: Actor,
  input: WebhookEndpointInput,
  resolver: HostResolver,
  now = Date.now()
): Promise<SaveEndpointResult> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const url = await checkWebhookUrl(input.url, env, resolver);
  if (!url.ok) return { ok: false, code: 'invalid', fields: { url: [url.message] } };
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const who = auditActorOf(actor);
  const row = {
    id,
    url: url.url,
    description: input.description,
    eventTypes: JSON.stringify(input.eventTypes),
    secretSealed: await sealed(env, id, secret),
    createdAt: now,
    createdBy: who.actorId,
    updatedAt: now
  };
  await db.batch([
    db.insert(webhookEndpoints).values(row),
    auditStatement(db, {
      ...who,
      action: 'webhook.created',
      entityType: 'webhook_endpoint',
      entityId: id,
      after: { url: row.url, description: input.description, eventTypes: input.eventTypes }
    })
  ]);
  return { ok: true, id, secret };
}

export async function updateWebhookEndpoint(
  env: WebhookEnv,
  db: TenantDb,
  actor: Actor,
  id: string,
  input: WebhookEndpointInput,
  resolver: HostResolver,
  now = Date.now()
): Promise<SaveEndpointResult> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const before = await db
    .select({
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      eventTypes: webhookEndpoints.eventTypes
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .get();
  if (!before) return NOT_FOUND;
  const url = await checkWebhookUrl(input.url, env, resolver);
  if (!url.ok) return { ok: false, code: 'invalid', fields: { url: [url.message] } };
  const after = {
    url: url.url,
    description: input.description,
    eventTypes: JSON.stringify(input.eventTypes)
  };
  await db.batch([
    db
      .update(webhookEndpoints)
      .set({ ...after, updatedAt: now })
      .where(eq(webhookEndpoints.id, id)),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'webhook.updated',
      entityType: 'webhook_endpoint',
      entityId: id,
      before: { ...before, eventTypes: JSON.parse(before.eventTypes) },
      after: { ...after, eventTypes: input.eventTypes }
    })
  ]);
  return { ok: true, id };
}

/** A new secret; the previous one keeps signing (a second signature) for ROTATION_GRACE_MS. */
export async function rotateWebhookSecret(
  env: WebhookEnv,
  db: TenantDb,
  actor: Actor,
  id: string,
  now = Date.now()
): Promise<{ ok: true; secret: string } | { ok: false; code: 'forbidden' | 'not_found' }> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const secret = generateWebhookSecret();
  const [updated] = await db.batch([
    db
      .update(webhookEndpoints)
      .set({
        previousSecretSealed: sql`${webhookEndpoints.secretSealed}`,
        previousSecretExpiresAt: now + ROTATION_GRACE_MS,
        secretSealed: await sealed(env, id, secret),
        updatedAt: now
      })
      .where(eq(webhookEndpoints.id, id))
      .returning({ id: webhookEndpoints.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'webhook.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: id,
      after: { previousSecretValidUntil: now + ROTATION_GRACE_MS }
    })
  ]);
  return updated.length ? { ok: true, secret } : NOT_FOUND;
}

/** Enable (clears an automatic disable) or disable by hand. A repeat changes nothing. */
export async function setWebhookEndpointEnabled(
  db: TenantDb,
  actor: Actor,
  id: string,
  enabled: boolean,
  now = Date.now()
): Promise<{ ok: true } | { ok: false; code: 'forbidden' | 'not_found' }> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const exists = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .get();
  if (!exists) return NOT_FOUND;
  await db.batch([
    db
      .update(webhookEndpoints)
      .set(
        enabled
          ? { status: 'enabled', disabledReason: null, disabledAt: null, updatedAt: now }
          : { status: 'disabled', disabledReason: 'admin', disabledAt: now, updatedAt: now }
      )
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.status, enabled ? 'disabled' : 'enabled'))),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: enabled ? 'webhook.enabled' : 'webhook.disabled',
      entityType: 'webhook_endpoint',
      entityId: id
    })
  ]);
  return { ok: true };
}

/** Deletes the endpoint, its secret and its delivery log; anything still waiting is skipped. */
export async function deleteWebhookEndpoint(
  db: TenantDb,
  actor: Actor,
  id: string
): Promise<{ ok: true; url: string } | { ok: false; code: 'forbidden' | 'not_found' }> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const [deleted] = await db.batch([
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ url: webhookEndpoints.url }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'webhook.deleted',
      entityType: 'webhook_endpoint',
      entityId: id
    })
  ]);
  return deleted[0] ? { ok: true, url: deleted[0].url } : NOT_FOUND;
}
