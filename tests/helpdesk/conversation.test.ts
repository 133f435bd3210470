// Requests and their replies, both ways, against a real Request Tracker 5: a request becomes a ticket
// with every field, a message from the requester or an admin becomes a public reply, an agent's reply
// becomes a message the requester sees (and is notified of), an internal note never shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, eventually, origin, runSyncCron } from './ontrackio';
import {
  agentReply,
  connectFreshRt,
  correspondence,
  disconnect,
  drained,
  history,
  textOf,
  ticketOf,
  type Connected
} from './helpers';

let c: Connected | undefined;
let ada: Session;

beforeAll(async () => {
  c = await connectFreshRt(1, { webhook: true });
  ada = await Session.signIn('ada@acme.example');
});
afterAll(() => disconnect(c));

interface MyRequest {
  id: string;
  status: string;
  messages: { author: string; mine: boolean; body: string }[];
}

async function newRequest(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await ada.api<{ id: string }>('/my/requests', {
    type: 'hardware',
    title,
    justification: 'My laptop battery lasts 40 minutes.',
    urgency: 'high',
    ...extra
  });
  return created.id;
}

describe('a request becomes a ticket', () => {
  it('with every field, the requester, the link back and the reference; admins see the ticket', async () => {
    const { rt, admin } = c!;
    const options = await ada.api<{
      categories: { id: string; name: string }[];
      software: { id: string; name: string }[];
    }>('/my/requests/options');
    const category = options.categories[0]!;
    const software = options.software[0]!;
    const id = await newRequest('New laptop for travel', {
      categoryId: category.id,
      softwareId: software.id,
      specificModel: 'ThinkPad X1 Carbon Gen 12',
      estimatedCost: '1899.50'
    });
    await drained(admin);
    const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
    expect(ticket.Subject).toBe('New laptop for travel');
    expect(ticket.Status).toBe('new');
    expect(ticket.Priority).toBe('75'); // urgency high
    expect(ticket.Requestor.map((r) => r.id)).toEqual(['ada@acme.example']);
    const requestor = await rt.json<{ RealName: string }>('/user/ada@acme.example');
    expect(requestor.RealName).toBe('Ada Lovelace');
    expect(ticket.CustomFields.find((f) => f.name === 'OnTrackio reference')?.values).toEqual([
      `acme/request/${id}`
    ]);
    const created = (await history(rt, ticket.id)).find((h) => h.type === 'Create')!;
    const body = await textOf(rt, created.id);
    for (const line of [
      'My laptop battery lasts 40 minutes.',
      'Type: Hardware',
      'Urgency: High',
      `Category: ${category.name}`,
      `Software: ${software.name}`,
      'Specific model: ThinkPad X1 Carbon Gen 12',
      'Estimated cost: 1899.50',
      'Requested by: Ada Lovelace <ada@acme.example>',
      'Status in OnTrackio: Pending',
      `Open in OnTrackio: ${origin()}/admin/requests/${id}`
    ])
      expect(body).toContain(line);

    const adminPage = await admin.page(`/admin/requests/${id}`);
    expect(adminPage).toMatch(
      new RegExp(
        `data-testid="helpdesk-ticket"[^]*?href="${rt.baseUrl}/Ticket/Display.html\\?id=${ticket.id}"[^]*?#${ticket.id}`
      )
    );
    // The requester's page does not change: no ticket number, no help-desk link.
    const myPage = await ada.page(`/my/requests/${id}`);
    expect(myPage).not.toContain('helpdesk-ticket');
    expect(myPage).not.toContain(rt.baseUrl);
  });
});

describe('replies, both ways', () => {
  it('the requester’s and the admin’s messages become public replies, in order', async () => {
    const { rt, admin } = c!;
    const id = await newRequest('Second monitor');
    await ada.api(`/my/requests/${id}/messages`, { body: 'A 27-inch one would be ideal.' });
    await admin.api(`/admin/requests/${id}/messages`, { body: 'Noted: we have one in stock.' });
    await drained(admin);
    const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
    expect(await correspondence(rt, ticket.id)).toEqual([
      { creator: 'ontrackio', text: 'Ada Lovelace wrote in OnTrackio:\n\nA 27-inch one would be ideal.' },
      {
        creator: 'ontrackio',
        text: expect.stringMatching(/ wrote in OnTrackio:\n\nNoted: we have one in stock\.$/)
      }
    ]);
  });

  it('an agent’s reply reaches the requester through the webhook, is notified, and an internal note never shows', async () => {
    const { rt } = c!;
    const id = await newRequest('Headset for calls');
    await drained(c!.admin);
    const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
    await agentReply(rt, ticket.id, 'Internal: order from the usual supplier.', 'comment');
    await agentReply(rt, ticket.id, 'Hi Ada, which model do you prefer? Grüße ✓');
    // Only the webhook nudges the sync here (wrangler dev runs no cron by itself).
    const mine = await eventually('the reply on the request', async () => {
      const r = await ada.api<MyRequest>(`/my/requests/${id}`);
      return r.messages.length > 0 ? r : undefined;
    });
    expect(mine.messages).toEqual([
      expect.objectContaining({
        author: 'Alex Agent (IT help desk)',
        mine: false,
        body: 'Hi Ada, which model do you prefer? Grüße ✓'
      })
    ]);
    const notes = await ada.api<{ items: { title: string; link: string }[] }>('/my/notifications');
    expect(notes.items).toContainEqual(
      expect.objectContaining({
        title: 'Alex Agent replied on “Headset for calls”',
        link: `/my/requests/${id}`
      })
    );
    // The comment is older than the reply, so the sync has read past it: it was seen and not shown.
    expect(JSON.stringify(mine)).not.toContain('usual supplier');
  });
});

describe('no echo', () => {
  it('20 replies back and forth: each appears once on each side, nothing comes back', async () => {
    const { rt, admin } = c!;
    const id = await newRequest('Docking station');
    await drained(admin);
    const ticket = (await ticketOf(rt, `acme/request/${id}`))!;
    for (let i = 1; i <= 10; i++) {
      await ada.api(`/my/requests/${id}/messages`, { body: `Ada ${i}` });
      await agentReply(rt, ticket.id, `Agent ${i}`);
    }
    // Every webhook (for the agent's replies and for OnTrackio's own) has nudged a pull by now or will:
    // wait until all ten replies arrived and all ten messages went out, then pull once more on purpose.
    // On a loaded machine the webhooks' pulls can lag behind RT; the scheduled pull also runs now and
    // then while waiting. This test is about echoes; a lost webhook is reliability.test.ts's.
    let polls = 0;
    await eventually(
      'the agent’s ten replies',
      async () => {
        if (++polls % 25 === 0) await runSyncCron();
        const r = await ada.api<MyRequest>(`/my/requests/${id}`);
        return r.messages.filter((m) => !m.mine).length >= 10;
      },
      150_000
    );
    await drained(admin);
    await runSyncCron();
    const mine = (await ada.api<MyRequest>(`/my/requests/${id}`)).messages;
    expect(mine.filter((m) => m.mine).map((m) => m.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Ada ${i + 1}`)
    );
    expect(mine.filter((m) => !m.mine).map((m) => m.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Agent ${i + 1}`)
    );
    const replies = await correspondence(rt, ticket.id);
    expect(replies.filter((r) => r.creator === 'ontrackio').map((r) => r.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Ada Lovelace wrote in OnTrackio:\n\nAda ${i + 1}`)
    );
    expect(replies.filter((r) => r.creator === 'agent').map((r) => r.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Agent ${i + 1}`)
    );
    expect(replies).toHaveLength(20);
  }, 300_000);
});

describe('Report a problem', () => {
  it('a problem report becomes a ticket; IT’s notes and status go out; the agent’s reply reaches the reporter', async () => {
    const { rt, admin } = c!;
    const devices = await ada.api<{ items: { id: string; assetTag: string }[] }>('/my/hardware');
    const device = devices.items[0]!;
    const { id } = await ada.api<{ id: string }>(`/my/hardware/${device.id}/problems`, {
      description: 'The screen flickers when the lid is half closed.',
      priority: 'high'
    });
    await drained(admin);
    const ticket = (await ticketOf(rt, `acme/maintenance/${id}`))!;
    expect(ticket.Subject).toMatch(new RegExp(`^Problem with .+ \\(${device.assetTag}\\)$`));
    expect(ticket.Priority).toBe('75');
    const created = (await history(rt, ticket.id)).find((h) => h.type === 'Create')!;
    expect(await textOf(rt, created.id)).toContain('The screen flickers when the lid is half closed.');

    await admin.api(`/admin/maintenance/${id}/notes`, { body: 'Bring it to the IT desk on Monday.' });
    await admin.api(`/admin/maintenance/${id}/status`, { status: 'in_progress' });
    await drained(admin);
    expect((await ticketOf(rt, `acme/maintenance/${id}`))!.Status).toBe('open');
    expect((await correspondence(rt, ticket.id)).map((r) => r.text)).toEqual([
      expect.stringMatching(/ wrote in OnTrackio:\n\nBring it to the IT desk on Monday\.$/)
    ]);
    expect(await admin.page(`/admin/maintenance/${id}`)).toMatch(/data-testid="helpdesk-ticket"[^]*?#\d+/);

    await agentReply(rt, ticket.id, 'A replacement panel is on its way.');
    const problem = await eventually('the agent’s note on the report', async () => {
      const d = await ada.api<{
        problemReports: { id: string; notes: { author: string; body: string }[] }[];
      }>(`/my/hardware/${device.id}`);
      const p = d.problemReports.find((x) => x.id === id);
      return p && p.notes.some((n) => n.body === 'A replacement panel is on its way.') ? p : undefined;
    });
    expect(problem.notes.at(-1)).toMatchObject({ author: 'Alex Agent (IT help desk)' });
  });
});
