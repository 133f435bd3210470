// Shared steps of the help-desk tests: a fresh Request Tracker for the file, connected through
// Admin › Settings › Help desk exactly as an administrator would, and RT's side of a conversation.
import { expect, inject } from 'vitest';
import { RT_BASE_PORT, RtServer } from './rt';
import { Session, eventually, port } from './ontrackio';
import { connectionFields } from './connection-fields';

export { connectionFields };

export const SETTINGS = '/admin/settings/helpdesk';

export interface Connected {
  rt: RtServer;
  admin: Session;
  secret: string;
}

/**
 * Starts this file's RT (port RT_PORT + n, a clean database) and connects acme to it. With `webhook`,
 * installs the OnTrackio Scrip pointing at the running product (or at `webhookUrl`).
 */
export async function connectFreshRt(
  n: number,
  opts: { webhook?: boolean; webhookUrl?: string } = {}
): Promise<Connected> {
  const rt = new RtServer(RT_BASE_PORT + n, inject('rtTokens'), inject('rtTemplate'));
  await rt.start();
  try {
    const admin = await Session.signIn('admin@acme.example');
    const saved = await admin.form(`${SETTINGS}?/save`, connectionFields(rt));
    expect(saved.html).toMatch(/Help desk connected\.|Help desk settings saved\./);
    const page = await admin.page(SETTINGS);
    const secret = /data-testid="webhook-secret"[^>]*>([^<]+)</.exec(page)?.[1];
    if (!secret) throw new Error('no signing secret on the settings page');
    if (opts.webhook)
      rt.installWebhookScrip(
        opts.webhookUrl ?? `http://127.0.0.1:${port()}/api/v1/helpdesk/webhook`,
        secret,
        `acme.localhost:${port()}`
      );
    return { rt, admin, secret };
  } catch (e) {
    await rt.stop();
    throw e;
  }
}

/** How many help-desk changes are still waiting to be sent (from the settings page). */
export async function waiting(admin: Session): Promise<number> {
  const m = /Waiting to be sent<\/dt>\s*<dd[^>]*>(\d+)<\/dd>/.exec(await admin.page(SETTINGS));
  return m ? Number(m[1]) : 0;
}

export async function drained(admin: Session, ms = 120_000): Promise<void> {
  await eventually('the outbox to drain', async () => (await waiting(admin)) === 0, ms);
}

/** After the file: let what is queued go out, disconnect (the next file connects its own RT), stop RT. */
export async function disconnect(c: Connected | undefined): Promise<void> {
  if (!c) return;
  try {
    await drained(c.admin, 60_000);
  } finally {
    await c.admin.form(`${SETTINGS}?/disconnect`, {});
    await c.rt.stop();
  }
}

// ── Request Tracker's side, through its REST 2.0 API as the agent "Alex Agent" ─────────────────────

export interface RtTicket {
  id: number;
  Subject: string;
  Status: string;
  Priority: string;
  Requestor: { id: string }[];
  CustomFields: { name: string; values: string[] }[];
}

export async function ticketsByReference(rt: RtServer, reference: string): Promise<number[]> {
  const q = encodeURIComponent(`'CF.{OnTrackio reference}' = '${reference}'`);
  const res = await rt.json<{ items: { id: string }[] }>(`/tickets?query=${q}&per_page=100`);
  return res.items.map((i) => Number(i.id));
}

export async function ticketOf(rt: RtServer, reference: string): Promise<RtTicket | undefined> {
  const ids = await ticketsByReference(rt, reference);
  if (ids.length === 0) return undefined;
  expect(ids).toHaveLength(1);
  return rt.json<RtTicket>(`/ticket/${ids[0]}`);
}

export interface RtEntry {
  id: number;
  type: string;
  creator: string;
  field: string;
  oldValue: string;
  newValue: string;
}

export async function history(rt: RtServer, ticketId: number): Promise<RtEntry[]> {
  const res = await rt.json<{ items: Record<string, unknown>[] }>(
    `/ticket/${ticketId}/history?per_page=200&fields=Type,Creator,Field,OldValue,NewValue`
  );
  return res.items.map((t) => ({
    id: Number(t.id),
    type: String(t.Type),
    creator: String((t.Creator as { id: string }).id),
    field: String(t.Field ?? ''),
    oldValue: String(t.OldValue ?? ''),
    newValue: String(t.NewValue ?? '')
  }));
}

/** The text of a transaction (its first text/plain part, decoded). */
export async function textOf(rt: RtServer, transactionId: number): Promise<string> {
  const list = await rt.json<{ items: { id: string; ContentType: string }[] }>(
    '/attachments?fields=ContentType',
    {
      method: 'POST',
      json: [{ field: 'TransactionId', value: transactionId }]
    }
  );
  const part = list.items.find((p) => p.ContentType === 'text/plain');
  if (!part) return '';
  const a = await rt.json<{ Content: string }>(`/attachment/${part.id}`);
  return Buffer.from(a.Content, 'base64').toString('utf8');
}

/** Public replies on a ticket, oldest first, with who wrote them. */
export async function correspondence(
  rt: RtServer,
  ticketId: number
): Promise<{ creator: string; text: string }[]> {
  const out = [];
  for (const t of (await history(rt, ticketId)).filter((h) => h.type === 'Correspond'))
    out.push({ creator: t.creator, text: await textOf(rt, t.id) });
  return out;
}

export async function agentReply(
  rt: RtServer,
  ticketId: number,
  text: string,
  kind: 'correspond' | 'comment' = 'correspond'
) {
  const res = await rt.api(`/ticket/${ticketId}/${kind}`, {
    method: 'POST',
    json: { Content: text, ContentType: 'text/plain' }
  });
  expect(res.status).toBe(201);
}

export async function agentSetStatus(rt: RtServer, ticketId: number, status: string) {
  const res = await rt.api(`/ticket/${ticketId}`, { method: 'PUT', json: { Status: status } });
  expect(res.status).toBe(200);
  expect(JSON.stringify(await res.json())).toContain('Status changed');
}
