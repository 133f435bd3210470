// Connecting another help desk: a second Request Tracker made from the same clean database numbers its
// transactions as the first one did, so the same change ids come back. Its replies must still arrive:
// what the sync remembers (seen changes, messages' external ids) is kept per help desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, eventually } from './ontrackio';
import { agentReply, connectFreshRt, disconnect, drained, ticketOf, type Connected } from './helpers';

let ada: Session;
let current: Connected | undefined;

beforeAll(async () => {
  ada = await Session.signIn('ada@acme.example');
});
afterAll(() => disconnect(current));

interface MyRequest {
  messages: { author: string; mine: boolean; body: string }[];
}

/** In a freshly connected RT: ada asks, the agent answers; resolves with what ada then sees. */
async function askAndHearBack(n: number, title: string, answer: string): Promise<MyRequest['messages']> {
  current = await connectFreshRt(n, { webhook: true });
  const { id } = await ada.api<{ id: string }>('/my/requests', {
    type: 'hardware',
    title,
    justification: 'For the new desk.',
    urgency: 'low'
  });
  await drained(current.admin);
  const ticket = (await ticketOf(current.rt, `acme/request/${id}`))!;
  await agentReply(current.rt, ticket.id, answer);
  const seen = await eventually(`the reply from help desk ${n}`, async () => {
    const r = await ada.api<MyRequest>(`/my/requests/${id}`);
    return r.messages.length > 0 ? r.messages : undefined;
  });
  await disconnect(current);
  current = undefined;
  return seen;
}

describe('another help desk', () => {
  it('a reply in the second help desk arrives although the first one used the same change ids', async () => {
    const first = await askAndHearBack(4, 'Monitor arm', 'From the first help desk.');
    expect(first.map((m) => m.body)).toEqual(['From the first help desk.']);
    const second = await askAndHearBack(5, 'Monitor lamp', 'From the second help desk.');
    expect(second.map((m) => m.body)).toEqual(['From the second help desk.']);
  });
});
