// A loopback webhook receiver for the worker tests (runs in Node, in the vitest process; vitest.config.ts
// starts it and hands its URL to the tests as the TEST_WEBHOOK_RECEIVER binding). It verifies every
// delivery with the `standardwebhooks` npm package, independently of OnTrackio's own signer.
//   POST /hooks/<name>          a delivery; answered per the name's mode (default 200 "ok");
//   PUT  /_control/<name>       JSON { secrets?: string[], mode?: 'ok' | 'down' | 'status:<n>' | 'redirect' };
//   GET  /_control/<name>       JSON { deliveries: [...] } in arrival order.
// Mode 'down' drops the connection without an answer (the receiver is "down").
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  webhookId: string | null;
  timestamp: string | null;
  signature: string | null;
  contentType: string | null;
  body: string;
  /** Index in the registered secrets of each secret that verifies the delivery. */
  verifiedWith: number[];
  verifyErrors: string[];
  answered: number | null;
  /** performance.now() in the receiver's process when the request arrived (the benchmark's clock). */
  receivedAt: number;
}

interface Slot {
  secrets: string[];
  mode: string;
  deliveries: ReceivedDelivery[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebhookReceiver(): Promise<{ url: string; server: Server }> {
  const slots = new Map<string, Slot>();
  const slot = (name: string) => {
    let s = slots.get(name);
    if (!s) slots.set(name, (s = { secrets: [], mode: 'ok', deliveries: [] }));
    return s;
  };
  const server = createServer(async (req, res) => {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://receiver');
    const [, kind, name] = url.pathname.split('/');
    const body = await readBody(req);
    if (kind === '_control' && name) {
      const s = slot(name);
      if (req.method === 'PUT') {
        const patch = JSON.parse(body || '{}') as { secrets?: string[]; mode?: string };
        if (patch.secrets) s.secrets = patch.secrets;
        if (patch.mode) s.mode = patch.mode;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ deliveries: s.deliveries }));
      return;
    }
    if (kind !== 'hooks' || !name || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const s = slot(name);
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? '')
    };
    const delivery: ReceivedDelivery = {
      webhookId: req.headers['webhook-id'] ? headers['webhook-id'] : null,
      timestamp: req.headers['webhook-timestamp'] ? headers['webhook-timestamp'] : null,
      signature: req.headers['webhook-signature'] ? headers['webhook-signature'] : null,
      contentType: req.headers['content-type'] ?? null,
      body,
      verifiedWith: [],
      verifyErrors: [],
      answered: null,
      receivedAt
    };
    s.secrets.forEach((secret, i) => {
      try {
        new Webhook(secret).verify(body, headers);
        delivery.verifiedWith.push(i);
      } catch (e) {
        delivery.verifyErrors.push(`${i}: ${(e as Error).message}`);
      }
    });
    s.deliveries.push(delivery);
    if (s.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (s.mode === 'redirect') {
      delivery.answered = 302;
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      return;
    }
    const status = s.mode.startsWith('status:') ? Number(s.mode.slice(7)) : 200;
    delivery.answered = status;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status < 300 ? 'ok' : `receiver says ${status} ${'x'.repeat(3000)}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
