// Exactly once, in order, against a real Request Tracker 5: 50 requests at once make exactly 50
// tickets; with RT stopped, requests and messages wait in the outbox and arrive in order, once, after it
// is back; a lost webhook (the receiver unreachable) is caught up by the scheduled pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, runSyncCron } from './ontrackio';
import {
  agentReply,
  connectFreshRt,
  correspondence,
  disconnect,
  drained,
  ticketOf,
  waiting,
  type Connected
} from './helpers';

let c: Connected | undefined;
let ada: Session;

beforeAll(async () => {
  // The Scrip posts to a port where nothing listens: every webhook is lost, only the pull remains.
  c = await connectFreshRt(3, { webhook: true, webhookUrl: 'http://127.0.0.1:9/api/v1/helpdesk/webhook' });
  ada = await Session.signIn('ada@acme.example');
});
afterAll(() => disconnect(c));

const create = (title: string) =>
  ada.api<{ id: string }>('/my/requests', { type: 'other', title, justification: 'Test.', urgency: 'low' });

describe('exactly once', () => {
  it('50 requests created at once make exactly 50 tickets', async () => {
    const { rt, admin } = c!;
    const stamp = Date.now().toString(36);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(`Bulk ${stamp} #${i + 1}`))
    );
    expect(new Set(created.map((r) => r.id)).size).toBe(50);
    await drained(admin, 600_000);
    const q = encodeURIComponent(`Queue = 'IT Requests' AND Subject LIKE 'Bulk ${stamp}'`);
    const tickets = await rt.json<{ items: { Subject: string }[] }>(
      `/tickets?query=${q}&per_page=100&fields=Subject`
    );
    expect(tickets.items).toHaveLength(50);
    expect(new Set(tickets.items.map((t) => t.Subject)).size).toBe(50);
  }, 900_000);

  it('with RT stopped, requests and messages wait, then arrive in order and once when it is back', async () => {
    const { rt, admin } = c!;
    await drained(admin, 600_000);
    await rt.stop();
    const ids: string[] = [];
    for (const title of ['Offline A', 'Offline B']) {
      const { id } = await create(title);
      ids.push(id);
      for (let i = 1; i <= 3; i++)
        await ada.api(`/my/requests/${id}/messages`, { body: `${title} message ${i}` });
    }
    await admin.api(`/admin/requests/${ids[0]}/decision`, { decision: 'approve' });
    // Saved in OnTrackio at once; the sync waits (its attempts fail while RT is down).
    expect((await ada.api<{ messages: unknown[] }>(`/my/requests/${ids[1]}`)).messages).toHaveLength(3);
    expect(await waiting(admin)).toBe(9);
    await rt.start();
    await drained(admin, 300_000);
    for (const [n, id] of ids.entries()) {
      const title = n === 0 ? 'Offline A' : 'Offline B';
      const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
      expect(ticket.Subject).toBe(title);
      expect((await correspondence(rt, ticket.id)).map((r) => r.text)).toEqual(
        [1, 2, 3].map((i) => `Ada Lovelace wrote in OnTrackio:\n\n${title} message ${i}`)
      );
    }
    expect((await ticketOf(rt, `acme/request/${ids[0]}`))!.Status).toBe('open');
    expect(await admin.page('/admin/settings/helpdesk')).toContain('No failed deliveries.');
  }, 600_000);

  it('a lost webhook delays a reply until the scheduled pull, which catches up', async () => {
    const { rt, admin } = c!;
    const { id } = await create('Keyboard');
    await drained(admin);
    const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
    await agentReply(rt, ticket.id, 'Which layout, UK or US?');
    // RT has finished its Scrip (the webhook failed) before answering the reply: nothing else can have
    // told OnTrackio yet.
    expect((await ada.api<{ messages: unknown[] }>(`/my/requests/${id}`)).messages).toHaveLength(0);
    await runSyncCron();
    const req = await ada.api<{ messages: { body: string; author: string }[] }>(`/my/requests/${id}`);
    expect(req.messages).toEqual([
      expect.objectContaining({ body: 'Which layout, UK or US?', author: 'Alex Agent (IT help desk)' })
    ]);
    // The settings page shows the pull as the last successful sync.
    const settings = await admin.page('/admin/settings/helpdesk');
    expect(settings).not.toMatch(/data-testid="last-sync"[^>]*>Not yet</);
    expect(settings).not.toContain('Last sync error');
  });
});
