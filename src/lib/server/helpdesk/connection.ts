// The workspace's help-desk connection (Admin › Settings › Help desk): connect, change, test,
// disconnect. The API token is sealed (auth/secret-box.ts, owner "helpdesk:api-token") and never
// returned to a page; the webhook signing secret is sealed too but shown to admins, who paste it into
// the help desk. Every change is audited with the actor, never with the token.
import { eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { helpdeskConnection } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { auditActorOf, type Actor } from '../authz/actor';
import { openSecret, sealSecret, type SecretBoxEnv } from '../auth/secret-box';
import type { HelpdeskConnectionInput, StatusMap } from '../../contracts/helpdesk';
import type { ConnectionCheck, HelpdeskConfig, HelpdeskConnector } from './connector';
import { connectorFor, type HelpdeskProvider } from './providers';
import { parseStatusMap } from './status-map';

export type HelpdeskEnv = SecretBoxEnv & { APP_ENV?: string };
export type ConnectionRow = typeof helpdeskConnection.$inferSelect;

const TOKEN_OWNER = 'helpdesk:api-token';
const SECRET_OWNER = 'helpdesk:webhook-secret';
const enc = new TextEncoder();
const dec = new TextDecoder();

/** SQL for an outbox row's `onlyIf`: the help desk is connected right now (read in the same batch). */
export const helpdeskConnectedSql = sql`EXISTS (SELECT 1 FROM helpdesk_connection WHERE id = 1 AND enabled = 1)`;

export function loadConnectionRow(db: TenantDb): Promise<ConnectionRow | undefined> {
  return db.select().from(helpdeskConnection).where(eq(helpdeskConnection.id, 1)).get();
}

export async function openWebhookSecret(env: HelpdeskEnv, row: ConnectionRow): Promise<string> {
  return dec.decode(await openSecret(env, SECRET_OWNER, row.webhookSecretSealed));
}

export interface ActiveHelpdesk {
  row: ConnectionRow;
  config: HelpdeskConfig;
  map: StatusMap;
  connector: HelpdeskConnector;
}

/** The connected help desk with its token opened, or null when none is connected. */
export async function activeHelpdesk(env: HelpdeskEnv, db: TenantDb): Promise<ActiveHelpdesk | null> {
  const row = await loadConnectionRow(db);
  if (!row || !row.enabled || !row.apiTokenSealed) return null;
  const token = dec.decode(await openSecret(env, TOKEN_OWNER, row.apiTokenSealed));
  const config = { baseUrl: row.baseUrl, token, queue: row.queue, referenceField: row.referenceField };
  return {
    row,
    config,
    map: parseStatusMap(row.statusMap),
    connector: connectorFor(row.provider as HelpdeskProvider, config)
  };
}

type SaveResult =
  { ok: true; message: string } | { ok: false; fields?: Record<string, string[]>; message?: string };

/** Plain http is for a help desk on this machine during development only. */
function refusedAddress(env: HelpdeskEnv, baseUrl: string): string | null {
  if (/^https:\/\//i.test(baseUrl)) return null;
  return env.APP_ENV === 'development'
    ? null
    : 'Use an https:// address: the API token must not travel in clear.';
}

async function tokenFor(
  env: HelpdeskEnv,
  row: ConnectionRow | undefined,
  typed: string
): Promise<string | null> {
  if (typed) return typed;
  if (!row?.apiTokenSealed) return null;
  return dec.decode(await openSecret(env, TOKEN_OWNER, row.apiTokenSealed));
}

/** "Test connection" with what the form holds (an empty token field means the saved token). Saves nothing. */
export async function testHelpdeskConnection(
  env: HelpdeskEnv,
  db: TenantDb,
  input: HelpdeskConnectionInput
): Promise<ConnectionCheck | { ok: false; problem: 'input'; fields: Record<string, string[]> }> {
  const row = await loadConnectionRow(db);
  const token = await tokenFor(env, row, input.apiToken);
  if (!token) return { ok: false, problem: 'input', fields: { apiToken: ['Enter the API token'] } };
  const refused = refusedAddress(env, input.baseUrl);
  if (refused) return { ok: false, problem: 'input', fields: { baseUrl: [refused] } };
  return connectorFor(input.provider, { ...input, token }).testConnection();
}

/**
 * Connect, or change the connection. The connection is tested first and nothing is saved unless it
 * works. A new connection (or another help desk or queue) starts reading changes from "now"; the
 * same one keeps its cursor. The signing secret is made once and kept.
 */
export async function saveHelpdeskConnection(
  env: HelpdeskEnv,
  db: TenantDb,
  actor: Actor,
  input: HelpdeskConnectionInput,
  publicOrigin: string,
  now = Date.now()
): Promise<SaveResult> {
  const row = await loadConnectionRow(db);
  const token = await tokenFor(env, row, input.apiToken);
  if (!token) return { ok: false, fields: { apiToken: ['Enter the API token'] } };
  const refused = refusedAddress(env, input.baseUrl);
  if (refused) return { ok: false, fields: { baseUrl: [refused] } };
  const connector = connectorFor(input.provider, { ...input, token });
  const check = await connector.testConnection();
  if (!check.ok) return { ok: false, message: check.message };

  const sameSource =
    row && row.baseUrl === input.baseUrl && row.queue === input.queue && row.provider === input.provider;
  let cursor = sameSource ? row.cursor : null;
  if (cursor === null) {
    try {
      cursor = await connector.latestCursor();
    } catch (e) {
      return {
        ok: false,
        message: `Connected, but the help desk’s history could not be read: ${e instanceof Error ? e.message : String(e)}`
      };
    }
  }
  const values = {
    provider: input.provider,
    baseUrl: input.baseUrl,
    apiTokenSealed: await sealSecret(env, TOKEN_OWNER, enc.encode(token)),
    queue: input.queue,
    referenceField: input.referenceField,
    statusMap: JSON.stringify(input.statusMap),
    publicOrigin,
    enabled: true,
    cursor,
    integrationUser: sameSource ? row.integrationUser : null,
    lastSyncError: null,
    updatedAt: now
  };
  const webhookSecretSealed =
    row?.webhookSecretSealed ?? (await sealSecret(env, SECRET_OWNER, enc.encode(newWebhookSecret())));
  const wasConnected = !!row?.enabled;
  await db.batch([
    db
      .insert(helpdeskConnection)
      .values({ id: 1, ...values, webhookSecretSealed, createdAt: now })
      .onConflictDoUpdate({ target: helpdeskConnection.id, set: values }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: wasConnected ? 'helpdesk.updated' : 'helpdesk.connected',
      entityType: 'helpdesk',
      entityId: null,
      before: row
        ? {
            provider: row.provider,
            baseUrl: row.baseUrl,
            queue: row.queue,
            referenceField: row.referenceField,
            statusMap: JSON.parse(row.statusMap),
            enabled: row.enabled
          }
        : undefined,
      after: {
        provider: input.provider,
        baseUrl: input.baseUrl,
        queue: input.queue,
        referenceField: input.referenceField,
        statusMap: input.statusMap,
        tokenReplaced: input.apiToken !== ''
      }
    })
  ]);
  return {
    ok: true,
    message: wasConnected ? 'Help desk settings saved.' : `Help desk connected. ${check.detail}`
  };
}

function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Stops the sync: the token is forgotten, the links and settings stay. False when not connected. */
export async function disconnectHelpdesk(db: TenantDb, actor: Actor, now = Date.now()): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(helpdeskConnection)
      .set({ enabled: false, apiTokenSealed: null, updatedAt: now })
      .where(sql`${helpdeskConnection.id} = 1 AND ${helpdeskConnection.enabled} = 1`)
      .returning({ id: helpdeskConnection.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'helpdesk.disconnected',
      entityType: 'helpdesk',
      entityId: null,
      before: { enabled: true },
      after: { enabled: false }
    })
  ]);
  return updated.length === 1;
}
