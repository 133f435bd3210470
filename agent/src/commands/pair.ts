// `pair`: seed 001 "Pair with account". Registers this computer with the workspace (a handshake), opens
// the browser at the one-time "Pair this device" link and waits on a WebSocket for the credential.
// No web server runs on the agent. While waiting, a person may also type the fallback code the page
// shows when it cannot reach the agent.
// `pair --code OT-XXXXXX` / `--pair-code`: seed 001 "Enter pairing code manually".
import { createInterface } from 'node:readline/promises';
import type { AgentContext } from '../context.ts';
import { UsageError, requireWorkspace } from '../context.ts';
import { AgentApi, AgentApiError } from '../client/api.ts';
import { collectFacts } from '../collectors/index.ts';
import { readCredential, writeCredential } from '../store.ts';
import { DeviceRevokedError, checkPairing } from '../reporting.ts';
import { openBrowser } from './open-browser.ts';
import {
  handshakeServerMessageSchema,
  normalizePairingCode,
  PAIRING_CODE_PATTERN,
  type Enrolment,
  type HandshakeStarted
} from '../../../src/lib/contracts/agent.ts';
import { openPairingSocket } from '../client/socket.ts';

/**
 * One pairing per computer. A stored credential that the portal now refuses (IT revoked it) ends this
 * command like any other (DeviceRevokedError: one sentence, exit 3); the next `pair` then starts afresh.
 */
async function refuseIfPaired(ctx: AgentContext): Promise<void> {
  const existing = readCredential(ctx.paths);
  if (!existing) return;
  if ((await checkPairing(ctx, existing)) === 'revoked') throw new DeviceRevokedError();
  throw new UsageError(
    `This computer is already paired with ${existing.user.name} <${existing.user.email}>. Run "ontrackio-agent unpair" first.`
  );
}

function announce(ctx: AgentContext, enrolment: Enrolment): void {
  ctx.out(`Paired with ${enrolment.user.name} <${enrolment.user.email}> in ${enrolment.workspace.name}.`);
  ctx.out('The first inventory report runs tonight; "ontrackio-agent report --now" sends one right away.');
}

export async function pairWithCode(ctx: AgentContext, rawCode: string | undefined): Promise<Enrolment> {
  const workspaceUrl = requireWorkspace(ctx);
  await refuseIfPaired(ctx);
  let code = rawCode;
  if (!code) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    code = await rl.question('Pairing code (from My device, e.g. OT-7K3PQ2): ');
    rl.close();
  }
  const normalized = normalizePairingCode(code);
  if (!PAIRING_CODE_PATTERN.test(normalized)) throw new UsageError('Pairing codes look like OT-7K3PQ2.');
  const api = new AgentApi({ workspaceUrl });
  const enrolment = await api.enrolWithCode(normalized, await collectFacts());
  writeCredential(ctx.paths, enrolment, workspaceUrl); // also forgets an earlier revocation
  announce(ctx, enrolment);
  return enrolment;
}

export interface PairOptions {
  openBrowser: boolean;
  /** Offer to type the page's fallback code while waiting (interactive terminals). */
  promptForCode: boolean;
  /** Test hook: told the link once the handshake exists. */
  onLink?: (url: string) => void;
}

export async function pairAutomatically(ctx: AgentContext, opts: PairOptions): Promise<Enrolment> {
  const workspaceUrl = requireWorkspace(ctx);
  await refuseIfPaired(ctx);
  const api = new AgentApi({ workspaceUrl });
  const facts = await collectFacts();
  const started = await api.startPairing(facts);

  const abort = new AbortController();
  const viaSocket = waitForCredential(ctx, started, abort.signal);
  ctx.out(`Pairing ${facts.hostname} with your account. Confirm in the browser:`);
  ctx.out(`  ${started.pairUrl}`);
  opts.onLink?.(started.pairUrl);
  if (opts.openBrowser) openBrowser(started.pairUrl, ctx.env);

  const racers: Array<Promise<{ enrolment: Enrolment; ack?: () => void }>> = [viaSocket];
  if (opts.promptForCode && process.stdin.isTTY)
    racers.push(promptForFallbackCode(ctx, api, facts, abort.signal));
  try {
    const { enrolment, ack } = await Promise.race(racers);
    writeCredential(ctx.paths, enrolment, workspaceUrl); // also forgets an earlier revocation
    ack?.();
    announce(ctx, enrolment);
    return enrolment;
  } finally {
    abort.abort();
  }
}

async function promptForFallbackCode(
  ctx: AgentContext,
  api: AgentApi,
  facts: Awaited<ReturnType<typeof collectFacts>>,
  signal: AbortSignal
) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  signal.addEventListener('abort', () => rl.close());
  for (;;) {
    const line = await rl.question(
      '(If the page says "Couldn\'t reach the agent automatically", type the code it shows): ',
      { signal }
    );
    const code = normalizePairingCode(line);
    if (!PAIRING_CODE_PATTERN.test(code)) {
      ctx.err('Pairing codes look like OT-7K3PQ2.');
      continue;
    }
    try {
      return { enrolment: await api.enrolWithCode(code, facts) };
    } catch (err) {
      if (err instanceof AgentApiError && err.status < 500 && err.status !== 0) ctx.err(err.message);
      else throw err;
    }
  }
}

/**
 * Holds the socket to the handshake object until it pushes the credential. Reconnects after a drop
 * (deploys and restarts close sockets): the object re-sends a credential that was never acknowledged.
 */
function waitForCredential(
  ctx: AgentContext,
  started: HandshakeStarted,
  signal: AbortSignal
): Promise<{ enrolment: Enrolment; ack: () => void }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let attempt = 0;
    const expiry = setTimeout(
      () =>
        finish(() =>
          reject(
            new UsageError('The pairing expired before it was confirmed. Run "ontrackio-agent pair" again.')
          )
        ),
      Math.max(0, started.expiresAt - Date.now())
    );
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(expiry);
      fn();
    };
    signal.addEventListener('abort', () => finish(() => reject(new Error('aborted'))));

    const connect = () => {
      if (settled) return;
      const { ws, close } = openPairingSocket(started.socketUrl, started.agentToken);
      signal.addEventListener('abort', () => ws.close(1000), { once: true });
      ws.addEventListener('close', () => void close().catch(() => {}));
      ws.addEventListener('open', () => {
        attempt = 0;
      });
      ws.addEventListener('message', (event) => {
        let message;
        try {
          message = handshakeServerMessageSchema.parse(JSON.parse(String(event.data)));
        } catch {
          return;
        }
        if (message.type === 'paired') {
          const { enrolment } = message;
          finish(() =>
            resolve({
              enrolment,
              ack: () => {
                try {
                  ws.send(JSON.stringify({ type: 'saved' }));
                } catch {
                  // the object wipes the credential at expiry anyway
                }
                setTimeout(() => ws.close(1000), 200).unref();
              }
            })
          );
        } else if (message.type === 'expired') {
          finish(() =>
            reject(
              new UsageError('The pairing expired before it was confirmed. Run "ontrackio-agent pair" again.')
            )
          );
        }
      });
      ws.addEventListener('close', (event) => {
        if (settled) return;
        if (event.code === 4000 || event.code === 1008) {
          finish(() => reject(new UsageError('The pairing ended. Run "ontrackio-agent pair" again.')));
          return;
        }
        attempt += 1;
        setTimeout(connect, Math.min(5_000, 250 * 2 ** attempt)).unref();
      });
      ws.addEventListener('error', () => {
        // followed by close; reconnecting happens there
      });
    };
    connect();
  });
}
