// One automatic pairing (one object per handshake, created with newUniqueId()).
//
// State machine (kept in durable storage, so a restart mid-handshake resumes where it was):
//   (empty) --register--> waiting --confirm--> confirmed --agent says "saved"--> delivered
//                            \________________________\--alarm at expiry--> expired
// - The agent holds a WebSocket to this object (hibernation API: the object may be evicted while the
//   socket stays open). Authenticated with the agent token; the browser proves itself with the
//   one-time link token. Only hashes of both tokens are stored.
// - On confirm the object mints the device credential. The Worker stores its hash in the tenant D1,
//   then calls deliver(): the object pushes the credential down every open socket and keeps it until
//   the agent acknowledges, so an agent that reconnects after a drop or a restart still receives it.
//   The credential is wiped on acknowledgement or expiry.
import { DurableObject } from 'cloudflare:workers';
import {
  HANDSHAKE_TTL_MS,
  handshakeAgentMessageSchema,
  type DeviceFacts,
  type Enrolment,
  type HandshakeServerMessage
} from '../../src/lib/contracts/agent';
import {
  generateDeviceCredential,
  generatePairingToken,
  hashDeviceCredential
} from '../../src/lib/server/devices/credential';

export type HandshakeStatus = 'waiting' | 'confirmed' | 'delivered' | 'expired';

interface HandshakeState {
  slug: string;
  facts: DeviceFacts;
  linkTokenHash: string;
  agentTokenHash: string;
  status: HandshakeStatus;
  createdAt: number;
  expiresAt: number;
  confirmedBy?: string;
  /** Present only between confirm and the agent's acknowledgement. */
  credential?: string;
  /** The message carrying the credential, once the device row exists. */
  enrolment?: Enrolment;
}

export type HandshakeView =
  | { status: 'waiting'; facts: DeviceFacts; agentConnected: boolean; expiresAt: number }
  | { status: 'confirmed' | 'delivered' | 'expired' | 'invalid' };

export type ConfirmResult =
  | { ok: true; credential: string; facts: DeviceFacts }
  | { ok: false; code: 'agent_unreachable'; facts: DeviceFacts }
  | { ok: false; code: 'invalid' | 'expired' | 'used' };

/** Finished handshakes are remembered this long (so the page can say "used"), then forgotten. */
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;

export class PairingHandshake extends DurableObject<Env> {
  private async load(): Promise<HandshakeState | undefined> {
    return this.ctx.storage.get<HandshakeState>('state');
  }

  private async save(state: HandshakeState): Promise<void> {
    await this.ctx.storage.put('state', state);
  }

  /** Lazily notices expiry (the alarm may not have run yet). */
  private isLive(state: HandshakeState): boolean {
    return state.expiresAt > Date.now() && (state.status === 'waiting' || state.status === 'confirmed');
  }

  /** Called once by the Worker when the agent starts a pairing. Returns the two secrets, in clear, once. */
  async register(
    slug: string,
    facts: DeviceFacts
  ): Promise<{ linkToken: string; agentToken: string; expiresAt: number }> {
    if (await this.load()) throw new Error('handshake already registered');
    const linkToken = generatePairingToken();
    const agentToken = generatePairingToken();
    const now = Date.now();
    const state: HandshakeState = {
      slug,
      facts,
      linkTokenHash: hashDeviceCredential(linkToken),
      agentTokenHash: hashDeviceCredential(agentToken),
      status: 'waiting',
      createdAt: now,
      expiresAt: now + HANDSHAKE_TTL_MS
    };
    await this.save(state);
    await this.ctx.storage.setAlarm(state.expiresAt);
    return { linkToken, agentToken, expiresAt: state.expiresAt };
  }

  /** The agent's WebSocket. The Worker has already checked the path; this checks the agent token. */
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade.', { status: 426 });
    }
    const state = await this.load();
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!state || !bearer || hashDeviceCredential(bearer) !== state.agentTokenHash) {
      return new Response('Unknown pairing.', { status: 401 });
    }
    if (!this.isLive(state)) return new Response('This pairing has ended.', { status: 410 });

    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    this.ctx.acceptWebSocket(server);
    // A confirmed pairing whose credential the agent never acknowledged: hand it over now.
    const hello: HandshakeServerMessage = state.enrolment
      ? { type: 'paired', enrolment: state.enrolment }
      : { type: 'waiting', expiresAt: state.expiresAt };
    server.send(JSON.stringify(hello));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== 'string' || message.length > 1024) return;
    let parsed;
    try {
      parsed = handshakeAgentMessageSchema.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (!parsed.success) return;
    if (parsed.data.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    // "saved": the agent has stored the credential; forget it here.
    const state = await this.load();
    if (!state || state.status !== 'confirmed' || !state.enrolment) return;
    await this.finish(state, 'delivered', 1000, 'Paired');
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, 'bye');
    } catch {
      // already closed
    }
  }

  /** What the "Pair this device" page shows, for the holder of the link token only. */
  async view(slug: string, linkToken: string): Promise<HandshakeView> {
    const state = await this.load();
    if (!state || state.slug !== slug || hashDeviceCredential(linkToken) !== state.linkTokenHash)
      return { status: 'invalid' };
    if (state.status === 'waiting' && state.expiresAt <= Date.now()) return { status: 'expired' };
    if (state.status !== 'waiting') return { status: state.status };
    return {
      status: 'waiting',
      facts: state.facts,
      agentConnected: this.ctx.getWebSockets().length > 0,
      expiresAt: state.expiresAt
    };
  }

  /** The signed-in user confirmed on the page: mint the credential if the agent is listening. */
  async confirm(slug: string, linkToken: string, userId: string): Promise<ConfirmResult> {
    const state = await this.load();
    if (!state || state.slug !== slug || hashDeviceCredential(linkToken) !== state.linkTokenHash)
      return { ok: false, code: 'invalid' };
    if (state.status !== 'waiting')
      return { ok: false, code: state.status === 'expired' ? 'expired' : 'used' };
    if (state.expiresAt <= Date.now()) return { ok: false, code: 'expired' };
    if (this.ctx.getWebSockets().length === 0)
      return { ok: false, code: 'agent_unreachable', facts: state.facts };
    const credential = generateDeviceCredential();
    await this.save({ ...state, status: 'confirmed', confirmedBy: userId, credential });
    return { ok: true, credential, facts: state.facts };
  }

  /** The device row exists: push the credential to the agent (and keep it for a reconnect). */
  async deliver(details: Omit<Enrolment, 'credential'>): Promise<{ sentTo: number }> {
    const state = await this.load();
    if (!state || state.status !== 'confirmed' || !state.credential) return { sentTo: 0 };
    const enrolment: Enrolment = { ...details, credential: state.credential };
    await this.save({ ...state, enrolment });
    const message = JSON.stringify({ type: 'paired', enrolment } satisfies HandshakeServerMessage);
    let sentTo = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
        sentTo += 1;
      } catch {
        // a socket that died between the check and the send; the agent reconnects and gets it then
      }
    }
    return { sentTo };
  }

  /** The Worker could not record the device: back to waiting, credential forgotten. */
  async abandon(): Promise<void> {
    const state = await this.load();
    if (!state || state.status !== 'confirmed') return;
    const { credential: _c, enrolment: _e, confirmedBy: _u, ...rest } = state;
    await this.save({ ...rest, status: 'waiting' });
  }

  async status(): Promise<HandshakeStatus | null> {
    return (await this.load())?.status ?? null;
  }

  /** Expiry, then (a day later) forgetting. Alarms run at least once: every branch is idempotent. */
  async alarm(): Promise<void> {
    const state = await this.load();
    if (!state) return;
    if (state.status === 'waiting' || state.status === 'confirmed') {
      if (state.expiresAt > Date.now()) {
        await this.ctx.storage.setAlarm(state.expiresAt);
        return;
      }
      await this.finish(state, 'expired', 4000, 'Pairing expired');
      return;
    }
    if (state.createdAt + KEEP_FINISHED_MS <= Date.now()) {
      await this.ctx.storage.deleteAll();
      return;
    }
    await this.ctx.storage.setAlarm(state.createdAt + KEEP_FINISHED_MS);
  }

  private async finish(
    state: HandshakeState,
    status: 'delivered' | 'expired',
    code: number,
    reason: string
  ): Promise<void> {
    const { credential: _c, enrolment: _e, ...rest } = state;
    await this.save({ ...rest, status });
    await this.ctx.storage.setAlarm(state.createdAt + KEEP_FINISHED_MS);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        if (status === 'expired')
          ws.send(JSON.stringify({ type: 'expired' } satisfies HandshakeServerMessage));
        ws.close(code, reason);
      } catch {
        // already closed
      }
    }
  }
}
