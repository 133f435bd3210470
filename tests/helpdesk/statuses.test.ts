// Status, both ways, against a real Request Tracker 5 (issue 13 "Inbound" rules): OnTrackio owns the
// approval and sets the ticket's status as mapped; the help desk owns its working states; a help-desk
// "resolved" fulfils an APPROVED request; terminal states stay terminal; an unmapped status is shown on
// the settings page. Also "Test connection" against the real RT, and the audit trail of the settings.
// Inbound here runs through the 2-minute cron (run on demand), the path a lost webhook falls back to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, eventually, runSyncCron } from './ontrackio';
import {
  SETTINGS,
  agentSetStatus,
  connectFreshRt,
  connectionFields,
  correspondence,
  disconnect,
  drained,
  history,
  textOf,
  ticketOf,
  waiting,
  type Connected
} from './helpers';

let c: Connected | undefined;
let ada: Session;

beforeAll(async () => {
  c = await connectFreshRt(2);
  ada = await Session.signIn('ada@acme.example');
});
afterAll(() => disconnect(c));

interface Req {
  status: string;
  timeline: { status: string; note: string | null }[];
}

async function newRequest(title: string): Promise<{ id: string; ticket: number }> {
  const { id } = await ada.api<{ id: string }>('/my/requests', {
    type: 'software',
    title,
    justification: 'Needed for the Q3 project.',
    urgency: 'medium'
  });
  await drained(c!.admin);
  const t = await ticketOf(c!.rt, `acme/request/${id}`);
  return { id, ticket: t!.id };
}

const decide = (id: string, decision: string, reason?: string) =>
  c!.admin.api(`/admin/requests/${id}/decision`, { decision, ...(reason ? { reason } : {}) });

/** Once everything queued has been sent, the ticket has the expected status (one read of RT). */
async function rtStatus(reference: string, expected: string) {
  await drained(c!.admin);
  expect((await ticketOf(c!.rt, reference))?.Status).toBe(expected);
}

describe('OnTrackio → help desk', () => {
  it('pending, approved, fulfilled, rejected (with the reason) and cancelled set the mapped status', async () => {
    const { rt } = c!;
    const a = await newRequest('Figma licence');
    expect((await ticketOf(rt, `acme/request/${a.id}`))!.Status).toBe('new');
    await decide(a.id, 'approve');
    await rtStatus(`acme/request/${a.id}`, 'open');
    await decide(a.id, 'fulfil');
    await rtStatus(`acme/request/${a.id}`, 'resolved');

    const r = await newRequest('Second Figma licence');
    await decide(r.id, 'reject', 'One licence per team is enough.');
    await rtStatus(`acme/request/${r.id}`, 'rejected');
    const note = (await history(rt, r.ticket)).find((h) => h.type === 'Comment');
    expect(await textOf(rt, note!.id)).toMatch(
      /^Rejected in OnTrackio by .+: One licence per team is enough\.$/
    );

    const x = await newRequest('Sketch licence');
    await ada.api(`/my/requests/${x.id}/cancel`, {});
    await rtStatus(`acme/request/${x.id}`, 'rejected');

    // Every status write was OnTrackio's own account; none was a no-op transaction.
    const statusChanges = (await history(rt, a.ticket)).filter((h) => h.type === 'Status');
    expect(statusChanges.map((h) => [h.creator, h.newValue])).toEqual([
      ['ontrackio', 'open'],
      ['ontrackio', 'resolved']
    ]);
  });
});

describe('help desk → OnTrackio', () => {
  it('"resolved" fulfils an approved request, with the timeline and the requester notified', async () => {
    const { rt } = c!;
    const a = await newRequest('Miro licence');
    await decide(a.id, 'approve');
    await rtStatus(`acme/request/${a.id}`, 'open');
    await drained(c!.admin);
    await agentSetStatus(rt, a.ticket, 'resolved');
    await runSyncCron();
    const req = await ada.api<Req>(`/my/requests/${a.id}`);
    expect(req.status).toBe('fulfilled');
    expect(req.timeline.at(-1)).toMatchObject({
      status: 'fulfilled',
      note: `Resolved in the help desk (ticket #${a.ticket})`
    });
    const notes = await ada.api<{ items: { title: string }[] }>('/my/notifications');
    expect(notes.items).toContainEqual(
      expect.objectContaining({ title: 'Your request “Miro licence” was fulfilled' })
    );
    // Fulfilling here writes nothing back: the ticket's last status change is the agent's.
    expect((await history(rt, a.ticket)).filter((h) => h.type === 'Status').at(-1)?.creator).toBe('agent');
  });

  it('OnTrackio keeps the approval: working states and "resolved" on a pending request change nothing but are shown to admins', async () => {
    const { rt, admin } = c!;
    const p = await newRequest('Notion licence');
    await agentSetStatus(rt, p.ticket, 'stalled');
    await runSyncCron();
    expect((await ada.api<Req>(`/my/requests/${p.id}`)).status).toBe('pending');
    expect(await admin.page(`/admin/requests/${p.id}`)).toMatch(/data-testid="helpdesk-ticket"[^]*?stalled/);
    await agentSetStatus(rt, p.ticket, 'resolved');
    await runSyncCron();
    expect((await ada.api<Req>(`/my/requests/${p.id}`)).status).toBe('pending');
    expect(await admin.page(`/admin/requests/${p.id}`)).toMatch(/data-testid="helpdesk-ticket"[^]*?resolved/);
  });

  it('terminal states stay terminal: a reopened or resolved ticket leaves fulfilled and rejected requests alone', async () => {
    const { rt, admin } = c!;
    const f = await newRequest('Zoom licence');
    await decide(f.id, 'approve');
    await decide(f.id, 'fulfil');
    await rtStatus(`acme/request/${f.id}`, 'resolved');
    const r = await newRequest('Webex licence');
    await decide(r.id, 'reject', 'We use Zoom.');
    await rtStatus(`acme/request/${r.id}`, 'rejected');
    await drained(admin);
    await agentSetStatus(rt, f.ticket, 'open');
    await agentSetStatus(rt, r.ticket, 'resolved');
    await runSyncCron();
    expect((await ada.api<Req>(`/my/requests/${f.id}`)).status).toBe('fulfilled');
    expect((await ada.api<Req>(`/my/requests/${r.id}`)).status).toBe('rejected');
  });

  it('a status no mapping covers is reported on the settings page and changes nothing', async () => {
    const { rt, admin } = c!;
    // "stalled" is left out of every list for this test.
    const saved = await admin.form(
      `${SETTINGS}?/save`,
      connectionFields(rt, { apiToken: '', working: 'new, open, rejected, deleted' })
    );
    expect(saved.html).toContain('Help desk settings saved.');
    const p = await newRequest('Loom licence');
    await decide(p.id, 'approve');
    await rtStatus(`acme/request/${p.id}`, 'open');
    await drained(admin);
    await agentSetStatus(rt, p.ticket, 'stalled');
    await runSyncCron();
    expect((await ada.api<Req>(`/my/requests/${p.id}`)).status).toBe('approved');
    const page = await admin.page(SETTINGS);
    expect(page).toContain('Unmapped help-desk statuses');
    expect(page).toMatch(new RegExp(`<code[^>]*>stalled</code>[^]*?#${p.ticket}`));
    await admin.form(`${SETTINGS}?/save`, connectionFields(rt, { apiToken: '' }));
  });
});

describe('failed deliveries', () => {
  it('a change RT refuses is listed with its error, holds its request’s later changes, and Retry sends both after the fix', async () => {
    const { rt, admin } = c!;
    const typo = await admin.form(
      `${SETTINGS}?/save`,
      connectionFields(rt, { apiToken: '', request_approved: 'opened' })
    );
    expect(typo.html).toContain('Help desk settings saved.');
    const p = await newRequest('Slack huddles add-on');
    await decide(p.id, 'approve');
    await eventually('the failed delivery', async () =>
      (await admin.page(SETTINGS)).includes('Status change')
    );
    await ada.api(`/my/requests/${p.id}/messages`, { body: 'Thanks for approving!' });
    const page = await admin.page(SETTINGS);
    expect(page).toContain('change the status to “opened”: Ticket');
    expect(page).toMatch(/Status (&#39;|')opened(&#39;|') isn(&#39;|')t a valid status/);
    expect(await waiting(admin)).toBe(1); // the message waits behind the failed status change
    const changeId = /name="changeId" value="(\d+)"/.exec(page)![1]!;

    await admin.form(`${SETTINGS}?/save`, connectionFields(rt, { apiToken: '' }));
    const retried = await admin.form(`${SETTINGS}?/retry`, { changeId });
    expect(retried.html).toContain('Delivery queued again.');
    await drained(admin);
    expect((await ticketOf(rt, `acme/request/${p.id}`))!.Status).toBe('open');
    expect((await correspondence(rt, p.ticket)).map((r) => r.text)).toEqual([
      'Ada Lovelace wrote in OnTrackio:\n\nThanks for approving!'
    ]);
    expect(await admin.page(SETTINGS)).toContain('No failed deliveries.');
    const audit = await admin.api<{ items: { action: string }[] }>(
      '/admin/audit?action=helpdesk.delivery_retried'
    );
    expect(audit.items).toHaveLength(1);
  });
});

describe('Test connection and the audit trail, against the real RT', () => {
  it('says what is wrong: bad token, no such queue, missing rights; and Connected when right', async () => {
    const { rt, admin } = c!;
    const test = (o: Record<string, string>) => admin.form(`${SETTINGS}?/test`, connectionFields(rt, o));
    expect((await test({ apiToken: '1-99-not-a-token' })).html).toContain(
      'The help desk refused the API token. Check that it is complete and has not been revoked.'
    );
    expect((await test({ queue: 'Nope' })).html).toContain(
      'There is no queue “Nope” that this account can see.'
    );
    expect((await test({ apiToken: rt.tokens.norights })).html).toContain(
      'The account may not create tickets in “IT Requests”.'
    );
    expect((await test({ referenceField: 'Missing field' })).html).toContain(
      'The queue has no ticket custom field “Missing field” that this account can see.'
    );
    expect((await test({ apiToken: '' })).html).toContain(
      'Connected to Request Tracker: queue “IT Requests” is ready.'
    );
    // A failed save changes nothing: still connected with the right token.
    expect(
      (await admin.form(`${SETTINGS}?/save`, connectionFields(rt, { apiToken: '1-99-not-a-token' }))).status
    ).toBe(400);
    expect((await test({ apiToken: '' })).html).toContain('is ready.');
  });

  it('every settings change is in the audit log with the administrator, never the token', async () => {
    const { admin, rt } = c!;
    const audit = await admin.api<{
      items: { actor: string | null; action: string; after: string | null }[];
    }>('/admin/audit?action=helpdesk');
    const actions = audit.items.map((a) => a.action);
    expect(actions).toContain('helpdesk.connected');
    expect(actions).toContain('helpdesk.updated');
    expect(new Set(audit.items.map((a) => a.actor))).toEqual(new Set(['Morgan Reyes']));
    expect(JSON.stringify(audit.items)).not.toContain(rt.tokens.integration);
  });
});
