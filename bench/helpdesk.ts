// Help-desk sync benchmark (issue 13), a measurement and not a test: starts its own `wrangler dev`
// (BENCH_PORT, default 8791, fresh state) and a real Request Tracker 5 (BENCH_RT_PORT, default
// RT_PORT + 8 = 8988, with the tests' helpers: own config, clean SQLite copy), connects acme to it on
// the settings page, then measures:
//   1. request submitted → ticket visible in RT (median, p95 of BENCH_SAMPLES sequential requests);
//   2. RT reply → message on the request, via the webhook (the OnTrackio Scrip installed);
//   3. the same via the scheduled pull (webhook lost): the pull's own run time, reply to message;
//   4. the outbox drain rate for 500 queued changes (100 requests x 1 creation + 4 messages), beside
//      RT's own rate for replies posted straight to its API at the same concurrency (the baseline).
// BENCH_HELPDESK_PARTS=webhook,pull,drain (comma list; 1 always runs, 2 and 3 need its tickets).
// The load average (1, 5, 15 min) is recorded beside every figure: the machine is shared.
//   npm run build && npm run bench:helpdesk
// Figures depend on the machine's load (RT answers in 0.3-1 s per call on an idle 2-core machine);
// results go to bench/results/helpdesk-<time>.json (git-ignored) and are summarised in docs/helpdesk.md.
import { Agent, fetch } from 'undici';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { loopbackAwareLookup } from '../agent/src/client/loopback.ts';
import { RT_BASE_PORT, RtServer, prepareTemplate } from '../tests/helpdesk/rt.ts';
import { startWranglerDev } from '../tests/helpdesk/wrangler-dev.ts';
import { connectionFields } from '../tests/helpdesk/connection-fields.ts';

const PORT = Number(process.env.BENCH_PORT ?? 8791);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const RT_PORT = Number(process.env.BENCH_RT_PORT ?? RT_BASE_PORT + 8);
const PARTS = new Set((process.env.BENCH_HELPDESK_PARTS ?? 'webhook,pull,drain').split(','));
const load = () => loadavg().map((l) => +l.toFixed(2));
const ORIGIN = `http://acme.localhost:${PORT}`;
const dispatcher = new Agent({ connect: { lookup: loopbackAwareLookup as never } });

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const summary = (xs: number[]) => ({
  n: xs.length,
  medianMs: Math.round(pct(xs, 50)),
  p95Ms: Math.round(pct(xs, 95))
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => Promise<T | undefined>, ms = 300_000, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(every);
  }
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${ORIGIN}/api/v1/auth/sign-in`, {
    method: 'POST',
    dispatcher,
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      'cf-connecting-ip': `203.0.113.${Math.floor(Math.random() * 250)}`
    },
    body: JSON.stringify({ email, password: 'demo-password-2026' })
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ontrackio_session='));
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function call<T>(cookie: string, path: string, body?: unknown, form = false): Promise<T> {
  const res = await fetch(`${ORIGIN}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    dispatcher,
    redirect: 'manual',
    headers: {
      cookie,
      origin: ORIGIN,
      ...(body === undefined
        ? {}
        : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
      ...(form ? { accept: 'text/html' } : {})
    },
    body:
      body === undefined
        ? undefined
        : form
          ? new URLSearchParams(body as Record<string, string>).toString()
          : JSON.stringify(body)
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  const json = (res.headers.get('content-type') ?? '').includes('application/json');
  return (json && text ? JSON.parse(text) : text) as T;
}

async function ticketOf(rt: RtServer, reference: string): Promise<number | undefined> {
  const q = encodeURIComponent(`'CF.{OnTrackio reference}' = '${reference}'`);
  const res = await rt.json<{ items: { id: string }[] }>(`/tickets?query=${q}`);
  return res.items[0] ? Number(res.items[0].id) : undefined;
}

async function waiting(admin: string): Promise<number> {
  const html = await call<string>(admin, '/admin/settings/helpdesk');
  return Number(/Waiting to be sent<\/dt>\s*<dd[^>]*>(\d+)<\/dd>/.exec(html)?.[1] ?? 0);
}

async function main() {
  const template = prepareTemplate();
  const rt = new RtServer(RT_PORT, template.tokens, template.db);
  await rt.start();
  const stop = await startWranglerDev(PORT, `bench-helpdesk-${PORT}`);
  try {
    const admin = await signIn('admin@acme.example');
    const ada = await signIn('ada@acme.example');
    const saved = await call<string>(admin, '/admin/settings/helpdesk?/save', connectionFields(rt), true);
    if (!saved.includes('Help desk connected.')) throw new Error('could not connect the help desk');
    const secret = /data-testid="webhook-secret"[^>]*>([^<]+)</.exec(
      await call<string>(admin, '/admin/settings/helpdesk')
    )![1]!;
    const webhook = `http://127.0.0.1:${PORT}/api/v1/helpdesk/webhook`;
    rt.installWebhookScrip(webhook, secret, `acme.localhost:${PORT}`);
    const newRequest = (title: string) =>
      call<{ id: string }>(ada, '/api/v1/my/requests', {
        type: 'other',
        title,
        justification: 'Benchmark.',
        urgency: 'low'
      });

    const result: Record<string, unknown> = { measuredAt: new Date().toISOString(), loadAtStart: load() };
    // 1. Request submitted → ticket visible in RT.
    const toTicket: number[] = [];
    const tickets: { id: string; ticket: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const { id } = await newRequest(`Bench ticket ${i}`);
      const ticket = await until(() => ticketOf(rt, `acme/request/${id}`), 120_000, 50);
      toTicket.push(performance.now() - t0);
      tickets.push({ id, ticket });
    }
    result.requestToTicket = { ...summary(toTicket), loadAverage: load() };
    process.stderr.write(`request → ticket: ${JSON.stringify(result.requestToTicket)}\n`);

    const messages = async (id: string) =>
      (await call<{ messages: unknown[] }>(ada, `/api/v1/my/requests/${id}`)).messages.length;

    // 2. RT reply → message, via the webhook.
    const viaWebhook: number[] = [];
    for (const [i, t] of PARTS.has('webhook') ? tickets.entries() : []) {
      const before = await messages(t.id);
      const t0 = performance.now();
      const res = await rt.api(`/ticket/${t.ticket}/correspond`, {
        method: 'POST',
        json: { Content: `Webhook reply ${i}`, ContentType: 'text/plain' }
      });
      if (res.status !== 201) throw new Error(`RT reply: ${res.status} ${await res.text()}`);
      await until(async () => ((await messages(t.id)) > before ? true : undefined), 120_000, 50);
      viaWebhook.push(performance.now() - t0);
    }
    if (viaWebhook.length) result.replyToMessageViaWebhook = { ...summary(viaWebhook), loadAverage: load() };

    // 3. Via the scheduled pull: the webhook is lost (the Scrip posts to a closed port).
    rt.installWebhookScrip('http://127.0.0.1:9/api/v1/helpdesk/webhook', secret, `acme.localhost:${PORT}`);
    const viaPull: number[] = [];
    const pullRun: number[] = [];
    for (const [i, t] of PARTS.has('pull') ? tickets.entries() : []) {
      const before = await messages(t.id);
      const t0 = performance.now();
      await rt.api(`/ticket/${t.ticket}/correspond`, {
        method: 'POST',
        json: { Content: `Pulled reply ${i}`, ContentType: 'text/plain' }
      });
      const c0 = performance.now();
      const cron = await fetch(
        `http://127.0.0.1:${PORT}/__scheduled?cron=${encodeURIComponent('*/2 * * * *')}`,
        { dispatcher }
      );
      await cron.text();
      pullRun.push(performance.now() - c0);
      if ((await messages(t.id)) <= before) throw new Error('the pull did not bring the reply');
      viaPull.push(performance.now() - t0);
    }
    if (viaPull.length)
      result.replyToMessageViaPull = {
        ...summary(viaPull),
        pullRun: summary(pullRun),
        note: 'plus up to 2 minutes until the next Cron Trigger',
        loadAverage: load()
      };
    if (PARTS.has('drain')) {
      // The same-run baseline: RT's own rate for public replies at the drain's concurrency (4).
      rt.installWebhookScrip('http://127.0.0.1:9/api/v1/helpdesk/webhook', secret, `acme.localhost:${PORT}`);
      result.rtBaseline = await rtReplyRate(rt, tickets);
      result.outboxDrain = await drain(newRequest, ada, admin);
    }

    console.log(JSON.stringify(result, null, 2));
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `helpdesk-${Date.now()}.json`), JSON.stringify(result, null, 2));
  } finally {
    stop();
    await rt.stop();
  }
}

/** RT alone: 40 public replies posted straight to RT's REST API, 4 at a time (the drain's concurrency). */
async function rtReplyRate(rt: RtServer, tickets: { ticket: number }[]) {
  const calls = 40;
  let next = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < calls) {
        const i = next++;
        const c0 = performance.now();
        const res = await rt.api(`/ticket/${tickets[i % tickets.length]!.ticket}/correspond`, {
          method: 'POST',
          json: { Content: `Baseline reply ${i}`, ContentType: 'text/plain' }
        });
        await res.text();
        if (res.status !== 201) throw new Error(`RT reply: ${res.status}`);
        times.push(performance.now() - c0);
      }
    })
  );
  return {
    replies: calls,
    concurrency: 4,
    perSecond: +(calls / ((performance.now() - t0) / 1000)).toFixed(2),
    perReply: summary(times),
    loadAverage: load()
  };
}

/** 4. Outbox drain rate: 500 changes queued as fast as the API takes them, until none is waiting. */
async function drain(newRequest: (title: string) => Promise<{ id: string }>, ada: string, admin: string) {
  const loadBefore = load();
  const d0 = performance.now();
  const batch = await Promise.all(Array.from({ length: 100 }, (_, i) => newRequest(`Bench drain ${i}`)));
  for (let m = 1; m <= 4; m++)
    await Promise.all(
      batch.map((r) => call(ada, `/api/v1/my/requests/${r.id}/messages`, { body: `Drain message ${m}` }))
    );
  const queuedMs = performance.now() - d0;
  await until(async () => ((await waiting(admin)) === 0 ? true : undefined), 1_800_000, 1_000);
  const drainMs = performance.now() - d0;
  return {
    changes: 500,
    queuedInMs: Math.round(queuedMs),
    drainedInMs: Math.round(drainMs),
    perSecond: +(500 / (drainMs / 1000)).toFixed(2),
    loadAverage: { before: loadBefore, after: load() }
  };
}

await main();
