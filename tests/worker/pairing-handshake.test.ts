// Automatic pairing end to end inside workerd: the agent registers (POST /agent/v1/pairings) and holds
// a WebSocket to its handshake object; ada confirms on the "Pair this device" page; the credential
// arrives on the socket and works; only its hash is stored.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { ACME, cookieFor, fetchWorker, get, postForm } from './helpers';
import { agentPost, dbFor, enrolWithCode, FACTS, unpairDirectly } from './helpers-agent';
import { userId } from './helpers-data';
import { hashDeviceCredential } from '../../src/lib/server/devices/credential';
import type { HandshakeStarted } from '../../src/lib/contracts/agent';
import type { PairingHandshake } from '../../worker/durable-objects/pairing-handshake';

async function startPairing(facts = FACTS): Promise<HandshakeStarted> {
  const res = await agentPost(ACME, '/pairings', { facts });
  expect(res.status).toBe(201);
  return (await res.json()) as HandshakeStarted;
}

interface AgentSocket {
  ws: WebSocket;
  messages: Array<{
    type: string;
    enrolment?: { credential: string; deviceId: string; user: { email: string } };
  }>;
  next(type: string): Promise<AgentSocket['messages'][number]>;
  /** Settles when the handshake object closes the socket (after it has stored its new state). */
  closed: Promise<CloseEvent>;
}

async function connect(
  started: HandshakeStarted,
  token = started.agentToken
): Promise<Response & { agent?: AgentSocket }> {
  const res = await fetchWorker(started.socketUrl.replace(/^ws/, 'http'), {
    headers: { upgrade: 'websocket', authorization: `Bearer ${token}` }
  });
  if (res.status !== 101) return res;
  const ws = res.webSocket!;
  ws.accept();
  const messages: AgentSocket['messages'] = [];
  const waiters: Array<() => void> = [];
  const closed = new Promise<CloseEvent>((r) => ws.addEventListener('close', r));
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: string) => {
    for (let i = 0; i < 100; i++) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
    throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
  };
  return Object.assign(res, { agent: { ws, messages, next, closed } });
}

const pagePath = (s: HandshakeStarted) => new URL(s.pairUrl).pathname + new URL(s.pairUrl).search;

describe('automatic pairing (handshake object)', () => {
  it('shows the device on "Is this your laptop?", pushes the credential on confirm, and stores only its hash', async () => {
    await unpairDirectly(ACME, 'ada@acme.example');
    const started = await startPairing();
    const { agent } = await connect(started);
    expect((await agent!.next('waiting')).type).toBe('waiting');

    const cookie = await cookieFor(ACME, 'ada@acme.example');
    const page = await (await get(`${ACME}${pagePath(started)}`, cookie)).text();
    expect(page).toContain('Is this your laptop?');
    expect(page).toContain('ada-thinkpad');
    expect(page).toContain('Ubuntu 24.04.1 LTS');
    expect(page).toContain('Intel Core Ultra 7 155H');
    expect(page).toContain('Pair this device with my account');

    const token = new URL(started.pairUrl).searchParams.get('t')!;
    const confirmed = await postForm(
      `${ACME}${new URL(started.pairUrl).pathname}?/confirm`,
      {
        t: token
      },
      cookie
    );
    expect(await confirmed.text()).toContain('Pairing sent');

    const paired = await agent!.next('paired');
    const credential = paired.enrolment!.credential;
    expect(credential).toMatch(/^otd_[a-z2-7]{52}$/); // 256 bits
    expect(paired.enrolment!.user.email).toBe('ada@acme.example');
    agent!.ws.send(JSON.stringify({ type: 'saved' }));

    const row = await env.DB_ACME.prepare(
      "SELECT credential_hash, hostname FROM agent_devices WHERE user_id = ? AND status = 'active'"
    )
      .bind(await userId(dbFor(ACME), 'ada@acme.example'))
      .first<{ credential_hash: string; hostname: string }>();
    expect(row).toEqual({ credential_hash: hashDeviceCredential(credential), hostname: 'ada-thinkpad' });
    const leaked = await env.DB_ACME.prepare(
      'SELECT COUNT(*) AS n FROM agent_devices WHERE credential_hash = ?'
    )
      .bind(credential)
      .first<{ n: number }>();
    expect(leaked!.n).toBe(0);

    const heartbeat = await agentPost(ACME, '/heartbeat', {}, { credential });
    expect(heartbeat.status).toBe(200);

    // The link was one-time: the page now says so, and a second confirm pairs nothing.
    const again = await (await get(`${ACME}${pagePath(started)}`, cookie)).text();
    expect(again).toContain('This pairing link has already been used');
    expect(again).toContain('Re-open the pairing link from the OnTrackio Agent');

    // The object forgets the credential once the agent acknowledged it.
    const stub = env.PAIRING_HANDSHAKE.get(env.PAIRING_HANDSHAKE.idFromString(started.pairingId));
    const stored = await runInDurableObject(stub, async (_i: PairingHandshake, state) =>
      state.storage.get<Record<string, unknown>>('state')
    );
    expect(stored?.status).toBe('delivered');
    expect(stored?.credential).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(credential);
  });

  it('warns about an existing pairing and replaces it on confirm', async () => {
    await unpairDirectly(ACME, 'grace@acme.example');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const first = await startPairing({ ...FACTS, hostname: 'grace-old-laptop' });
    const a1 = (await connect(first)).agent!;
    await postForm(
      `${ACME}${new URL(first.pairUrl).pathname}?/confirm`,
      {
        t: new URL(first.pairUrl).searchParams.get('t')!
      },
      cookie
    );
    const oldCredential = (await a1.next('paired')).enrolment!.credential;

    const second = await startPairing({ ...FACTS, hostname: 'grace-new-laptop' });
    const a2 = (await connect(second)).agent!;
    const page = await (await get(`${ACME}${pagePath(second)}`, cookie)).text();
    expect(page).toContain('Your account is already paired with <strong>grace-old-laptop</strong>');
    expect(page).toContain('Continuing replaces the old pairing with this one.');
    await postForm(
      `${ACME}${new URL(second.pairUrl).pathname}?/confirm`,
      {
        t: new URL(second.pairUrl).searchParams.get('t')!
      },
      cookie
    );
    const newCredential = (await a2.next('paired')).enrolment!.credential;

    expect((await agentPost(ACME, '/heartbeat', {}, { credential: oldCredential })).status).toBe(401);
    expect((await agentPost(ACME, '/heartbeat', {}, { credential: newCredential })).status).toBe(200);
    const active = await env.DB_ACME.prepare(
      "SELECT hostname FROM agent_devices WHERE user_id = ? AND status = 'active'"
    )
      .bind(await userId(dbFor(ACME), 'grace@acme.example'))
      .all();
    expect(active.results).toEqual([{ hostname: 'grace-new-laptop' }]);
    await unpairDirectly(ACME, 'grace@acme.example');
  });

  it('falls back to a code when the agent is not connected, and that code pairs the agent', async () => {
    await unpairDirectly(ACME, 'grace@acme.example');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const started = await startPairing({ ...FACTS, hostname: 'grace-firewalled' });
    const html = await (
      await postForm(
        `${ACME}${new URL(started.pairUrl).pathname}?/confirm`,
        {
          t: new URL(started.pairUrl).searchParams.get('t')!
        },
        cookie
      )
    ).text();
    expect(html).toContain('Couldn&#39;t reach the agent automatically'.replace('&#39;', "'"));
    const code = /data-testid="fallback-code"[^>]*>(OT-[A-Z0-9]{6})</.exec(html)?.[1];
    expect(code).toMatch(/^OT-/);
    const { res } = await enrolWithCode(ACME, code!, { ...FACTS, hostname: 'grace-firewalled' });
    expect(res.status).toBe(201);
    await unpairDirectly(ACME, 'grace@acme.example');
  });

  it('re-sends an unacknowledged credential to an agent that reconnects (restart mid-handshake)', async () => {
    await unpairDirectly(ACME, 'grace@acme.example');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const started = await startPairing({ ...FACTS, hostname: 'grace-flaky' });
    const first = (await connect(started)).agent!;
    await first.next('waiting');
    await postForm(
      `${ACME}${new URL(started.pairUrl).pathname}?/confirm`,
      {
        t: new URL(started.pairUrl).searchParams.get('t')!
      },
      cookie
    );
    const sent = (await first.next('paired')).enrolment!.credential;
    // The socket drops before the agent could save (deploy, restart): no "saved" is ever sent.
    first.ws.close(1001, 'going away');
    const second = (await connect(started)).agent!;
    const again = await second.next('paired');
    expect(again.enrolment!.credential).toBe(sent);
    second.ws.send(JSON.stringify({ type: 'saved' }));
    // The object closes the socket once the pairing is delivered: wait for that, not for a while.
    expect((await second.closed).code).toBe(1000);
    // After the acknowledgement the pairing is over: no new socket is accepted.
    expect((await connect(started)).status).toBe(410);
    await unpairDirectly(ACME, 'grace@acme.example');
  });

  it('expires by alarm: the agent is told, the link is dead, the socket is refused', async () => {
    const started = await startPairing({ ...FACTS, hostname: 'too-slow' });
    const agent = (await connect(started)).agent!;
    const stub = env.PAIRING_HANDSHAKE.get(env.PAIRING_HANDSHAKE.idFromString(started.pairingId));
    await runInDurableObject(stub, async (_i: PairingHandshake, state) => {
      const s = (await state.storage.get<Record<string, unknown>>('state'))!;
      await state.storage.put('state', { ...s, expiresAt: Date.now() - 1 });
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await agent.next('expired')).type).toBe('expired');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const page = await (await get(`${ACME}${pagePath(started)}`, cookie)).text();
    expect(page).toContain('This pairing link has expired');
    expect((await connect(started)).status).toBe(410);
  });

  it('refuses malformed, unknown and wrong-token links with the re-open message', async () => {
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const started = await startPairing();
    const id = started.pairingId;
    for (const path of [
      `/my/agent/pair/not-an-id?t=abc`,
      `/my/agent/pair/${'0'.repeat(64)}?t=${'a'.repeat(32)}`,
      `/my/agent/pair/${id}?t=${'a'.repeat(32)}`,
      `/my/agent/pair/${id}`
    ]) {
      const res = await get(`${ACME}${path}`, cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('This pairing link is malformed or unknown');
      expect(html).toContain('Re-open the pairing link from the OnTrackio Agent');
      expect(html).not.toContain('Pair this device with my account');
    }
    // A wrong agent token gets no socket.
    expect((await connect(started, 'b'.repeat(32))).status).toBe(401);
  });

  it('sends signed-out visitors to Sign in and back to the link', async () => {
    const started = await startPairing();
    const res = await fetchWorker(started.pairUrl);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/login?next=${encodeURIComponent(pagePath(started))}`);
  });

  it("does not open another workspace's handshake", async () => {
    const started = await startPairing();
    const cookie = await cookieFor('http://globex.localhost:8787', 'hank@globex.example');
    const html = await (await get(`http://globex.localhost:8787${pagePath(started)}`, cookie)).text();
    expect(html).toContain('This pairing link is malformed or unknown');
    expect(html).not.toContain('ada-thinkpad');
  });
});
