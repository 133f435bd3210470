// The pairing WebSocket (undici, loaded only by `pair`: the daemon never needs it).
import { Agent, WebSocket } from 'undici';
import { loopbackAwareLookup } from './loopback.ts';

export function openPairingSocket(
  url: string,
  agentToken: string
): { ws: WebSocket; close: () => Promise<void> } {
  const dispatcher = new Agent({ connect: { lookup: loopbackAwareLookup as never } });
  const ws = new WebSocket(url, { dispatcher, headers: { authorization: `Bearer ${agentToken}` } });
  return { ws, close: () => dispatcher.close() };
}
