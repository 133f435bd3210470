// The help desk's webhook: only a nudge to read its history, so nothing in it is trusted beyond "this
// came from the help desk". Checks, in order: size (413), a connected help desk (404), the signature
// headers and a 5-minute timestamp window (401), HMAC-SHA256 over "<timestamp>.<raw body>" with the
// workspace's signing secret, compared in constant time by crypto.subtle.verify (401), the JSON shape
// (400), and the event id, accepted once (409). A refused webhook writes nothing but a rate-limit hit.
//
// Headers:  X-OnTrackio-Timestamp: <unix seconds>
//           X-OnTrackio-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>
import { lt } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { helpdeskChanges, helpdeskWebhookEvents } from '../db/tenant-schema';
import { helpdeskWebhookSchema } from '../../contracts/helpdesk';
import { loadConnectionRow, openWebhookSecret, type HelpdeskEnv } from './connection';

export const MAX_WEBHOOK_BYTES = 64 * 1024;
export const WEBHOOK_WINDOW_MS = 5 * 60_000;

export type WebhookVerdict =
  { ok: true; eventId: string } | { ok: false; status: 400 | 401 | 404 | 409 | 413; message: string };

/** The raw body, or null when it is larger than the limit (read no further than the limit). */
async function readCapped(request: Request): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_WEBHOOK_BYTES) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: Uint8Array,
  signatureHeader: string
): Promise<boolean> {
  const sig = hexToBytes(signatureHeader.replace(/^v1=/, '').trim());
  if (!sig) return false;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify']
  );
  const prefix = new TextEncoder().encode(`${timestamp}.`);
  const data = new Uint8Array(prefix.byteLength + body.byteLength);
  data.set(prefix, 0);
  data.set(body, prefix.byteLength);
  return crypto.subtle.verify('HMAC', key, sig, data);
}

const refuse = (status: 400 | 401 | 404 | 409 | 413, message: string): WebhookVerdict => ({
  ok: false,
  status,
  message
});

export async function receiveHelpdeskWebhook(
  env: HelpdeskEnv,
  db: TenantDb,
  request: Request,
  now = Date.now()
): Promise<WebhookVerdict> {
  const body = await readCapped(request);
  if (!body) return refuse(413, 'The webhook body is too large.');
  const row = await loadConnectionRow(db);
  if (!row?.enabled) return refuse(404, 'No help desk is connected to this workspace.');
  const timestamp = request.headers.get('x-ontrackio-timestamp') ?? '';
  const signature = request.headers.get('x-ontrackio-signature') ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !signature) return refuse(401, 'The webhook is not signed.');
  if (Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_WINDOW_MS)
    return refuse(401, 'The webhook’s timestamp is outside the 5-minute window.');
  if (!(await verifyWebhookSignature(await openWebhookSecret(env, row), timestamp, body, signature)))
    return refuse(401, 'The webhook’s signature does not match.');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return refuse(400, 'The webhook body is not JSON.');
  }
  const parsed = helpdeskWebhookSchema.safeParse(json);
  if (!parsed.success) return refuse(400, 'The webhook has no event id.');
  const inserted = await db
    .insert(helpdeskWebhookEvents)
    .values({ eventId: parsed.data.event_id, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: helpdeskWebhookEvents.eventId });
  if (inserted.length === 0) return refuse(409, 'This event was already received.');
  return { ok: true, eventId: parsed.data.event_id };
}

/** Forgets event ids older than a day (their timestamps are long outside the window) and old change ids. */
export async function pruneHelpdeskRecords(db: TenantDb, now: number): Promise<void> {
  await db.batch([
    db.delete(helpdeskWebhookEvents).where(lt(helpdeskWebhookEvents.receivedAt, now - 24 * 3600_000)),
    db.delete(helpdeskChanges).where(lt(helpdeskChanges.createdAt, now - 90 * 24 * 3600_000))
  ]);
}
