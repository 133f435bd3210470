// Event → first delivery attempt, for webhooks (issue 14 "Measured"): a loopback receiver in this
// process (tests/worker/webhook-receiver.ts: node:http on 127.0.0.1, every delivery verified with the
// `standardwebhooks` npm package) is registered as an endpoint on Admin › Settings › Webhooks; then an
// admin assigns and takes back one asset through the API, alternately, `samples` times. Each sample is
// the time from the end of the triggering API response to the receiver seeing the delivery (same
// process, same performance.now() clock); the delivery is sent after the response (the outbox is woken
// from waitUntil), so it can reach the receiver before this process has read the whole response: such a
// sample is negative. The time from sending the request is reported beside it. Samples are sequential:
// the next event waits for the last.
import { startWebhookReceiver, type ReceivedDelivery } from '../tests/worker/webhook-receiver.ts';
import { request } from './servers.ts';
import { createWebhookEndpoint } from './settings-forms.ts';

export interface Spread {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export interface WebhookLatency extends Spread {
  samples: number;
  /** From sending the triggering request (its own time included). */
  fromRequest: Spread;
  verified: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function spread(xs: number[]): Spread {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    medianMs: pct(sorted, 50),
    p95Ms: pct(sorted, 95),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1]
  };
}

async function api<T>(port: number, host: string, cookie: string, path: string, body?: unknown) {
  const res = await request(port, host, path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, origin: `http://${host}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.toString().slice(0, 200)}`);
  return JSON.parse(res.body.toString('utf8')) as T;
}

export async function measureWebhookLatency(
  port: number,
  host: string,
  adminCookie: string,
  samples: number
): Promise<WebhookLatency> {
  const receiver = await startWebhookReceiver();
  try {
    const control = async (patch?: object) => {
      const res = await fetch(`${receiver.url}/_control/bench`, {
        method: patch ? 'PUT' : 'GET',
        body: patch ? JSON.stringify(patch) : undefined
      });
      return ((await res.json()) as { deliveries: ReceivedDelivery[] }).deliveries;
    };
    const { secret } = await createWebhookEndpoint(port, host, adminCookie, `${receiver.url}/hooks/bench`, [
      'hardware.assigned',
      'hardware.returned'
    ]);
    await control({ secrets: [secret] });

    type Page<T> = { items: T[] };
    const assets = await api<Page<{ id: string }>>(
      port,
      host,
      adminCookie,
      '/api/v1/admin/hardware?status=in_stock&pageSize=1'
    );
    const people = await api<Page<{ id: string; email: string }>>(
      port,
      host,
      adminCookie,
      '/api/v1/admin/people?q=ada%40acme.example'
    );
    const asset = assets.items[0]?.id;
    const person = people.items.find((p) => p.email === 'ada@acme.example')?.id;
    if (!asset || !person) throw new Error('no asset in stock or no ada to assign it to');

    const latencies: number[] = [];
    const fromRequest: number[] = [];
    for (let i = 0; i < samples; i++) {
      const path =
        i % 2 === 0 ? `/api/v1/admin/hardware/${asset}/assign` : `/api/v1/admin/hardware/${asset}/unassign`;
      const body = i % 2 === 0 ? { userId: person, requestAcknowledgement: false } : {};
      const sentAt = performance.now();
      await api(port, host, adminCookie, path, body);
      const answeredAt = performance.now();
      const deadline = Date.now() + 60_000;
      let got = await control();
      while (got.length <= i) {
        if (Date.now() > deadline) throw new Error(`delivery ${i + 1} did not arrive within 60 s`);
        await sleep(5);
        got = await control();
      }
      latencies.push(got[i].receivedAt - answeredAt);
      fromRequest.push(got[i].receivedAt - sentAt);
    }
    const all = await control();
    return {
      samples: latencies.length,
      ...spread(latencies),
      fromRequest: spread(fromRequest),
      verified: all.filter((d) => d.verifiedWith.includes(0)).length
    };
  } finally {
    receiver.server.close();
  }
}

export function printWebhookLatency(r: WebhookLatency) {
  console.log('\nwebhooks: API response (assign / take back) → the receiver sees the delivery\n');
  const f = r.fromRequest;
  console.log(
    `  ${r.samples} events: median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms ` +
      `(min ${r.minMs.toFixed(1)}, max ${r.maxMs.toFixed(1)}); signature verified by standardwebhooks: ` +
      `${r.verified} of ${r.samples}`
  );
  console.log(
    `  from sending the request: median ${f.medianMs.toFixed(1)} ms, p95 ${f.p95Ms.toFixed(1)} ms ` +
      `(min ${f.minMs.toFixed(1)}, max ${f.maxMs.toFixed(1)})`
  );
}
