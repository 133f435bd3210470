// Pairing and agent benchmarks against a running `wrangler dev` (BENCH_ORIGIN, default
// http://acme.localhost:8703), with the product's cheapest route (GET /api/v1/health) as the baseline in the same run.
//   npm run bench:agent   (BENCH_ORIGIN=http://acme.localhost:<port> for another dev server)
// Measures: confirm click → credential on the agent's socket; a 2,000-application report ingested;
// the agent daemon's idle RSS; the single executable's size (from dist/agent/manifest.json).
import { Agent, fetch, WebSocket } from 'undici';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackAwareLookup } from '../agent/src/client/loopback.ts';
import { AgentApi } from '../agent/src/client/api.ts';

const ORIGIN = process.env.BENCH_ORIGIN ?? 'http://acme.localhost:8703';
const dispatcher = new Agent({ connect: { lookup: loopbackAwareLookup as never } });
const facts = {
  hostname: 'bench-box',
  osFamily: 'linux' as const,
  osName: 'Debian GNU/Linux 12',
  osVersion: '12',
  cpu: 'bench',
  agentVersion: '1.0.0'
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

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
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('ontrackio_session='));
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function clickToCredential(cookie: string): Promise<{ ms: number; credential: string }> {
  const api = new AgentApi({ workspaceUrl: ORIGIN });
  const started = await api.startPairing(facts);
  const ws = new WebSocket(started.socketUrl, {
    dispatcher,
    headers: { authorization: `Bearer ${started.agentToken}` }
  });
  const credential = new Promise<{ at: number; credential: string }>((resolve) =>
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data));
      if (m.type === 'paired') {
        ws.send(JSON.stringify({ type: 'saved' }));
        resolve({ at: performance.now(), credential: m.enrolment.credential });
      }
    })
  );
  await new Promise((r) => ws.addEventListener('open', r));
  await new Promise((r) => setTimeout(r, 50));
  const url = new URL(started.pairUrl);
  const t0 = performance.now();
  await fetch(`${ORIGIN}${url.pathname}?/confirm`, {
    method: 'POST',
    dispatcher,
    headers: {
      origin: ORIGIN,
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'x-sveltekit-action': 'true',
      accept: 'application/json'
    },
    body: new URLSearchParams({ t: url.searchParams.get('t')! })
  }).then((r) => r.text());
  const got = await credential;
  ws.close();
  return { ms: got.at - t0, credential: got.credential };
}

const cookie = await signIn('grace@acme.example');
const health: number[] = [];
for (let i = 0; i < 20; i++)
  health.push(await time(() => fetch(`${ORIGIN}/api/v1/health`, { dispatcher }).then((r) => r.text())));

const pairing: number[] = [];
let credential = '';
for (let i = 0; i < 5; i++) {
  const r = await clickToCredential(cookie);
  pairing.push(r.ms);
  credential = r.credential;
}

const agentApi = new AgentApi({ workspaceUrl: ORIGIN, credential });
const apps = Array.from({ length: 2000 }, (_, i) => ({
  name: `Bench App ${i}`,
  version: `${i}.0`,
  publisher: `Vendor ${i % 50}`
}));
const ingest: number[] = [];
for (let i = 0; i < 5; i++) {
  ingest.push(
    await time(() =>
      agentApi.sendReport({
        reportId: crypto.randomUUID(),
        collectedAt: Date.now() + i,
        facts,
        software: apps
      })
    )
  );
}

// Idle RSS of the daemon (the bundled agent under this Node), paired with the credential above.
const home = mkdtempSync(join(tmpdir(), 'ot-bench-'));
const { writeCredential } = await import('../agent/src/store.ts');
const { agentPaths } = await import('../agent/src/paths.ts');
writeCredential(
  agentPaths(home),
  {
    credential,
    deviceId: 'bench',
    user: { name: 'Grace Hopper', email: 'grace@acme.example' },
    workspace: { slug: 'acme', name: 'Acme' }
  },
  ORIGIN
);
const bundled = join(import.meta.dirname, '..', 'dist', 'agent', 'ontrackio-agent.cjs');
const entry = existsSync(bundled) ? bundled : join(import.meta.dirname, '..', 'agent', 'src', 'cli.ts');
const daemon = spawn(process.execPath, [entry, 'run', '--heartbeat-seconds', '300'], {
  env: { ...process.env, ONTRACKIO_AGENT_HOME: home },
  stdio: 'ignore'
});
await new Promise((r) => setTimeout(r, 8000));
const rssKb = Number(readFileSync(`/proc/${daemon.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
daemon.kill('SIGTERM');
const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2000));
const bareRssKb = Number(readFileSync(`/proc/${bare.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
bare.kill();

const manifestPath = join(import.meta.dirname, '..', 'dist', 'agent', 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
const results = {
  baseline_health_ms_median: +median(health).toFixed(1),
  click_to_credential_ms_median: +median(pairing).toFixed(1),
  click_to_credential_ms_all: pairing.map((x) => +x.toFixed(1)),
  report_2000_apps_ms_median: +median(ingest).toFixed(1),
  agent_idle_rss_mb: +(rssKb / 1024).toFixed(1),
  bare_node_idle_rss_mb: +(bareRssKb / 1024).toFixed(1),
  agent_entry: entry.split('/').slice(-2).join('/'),
  executables:
    manifest?.files.map((f: { file: string; bytes: number }) => ({
      file: f.file,
      mb: +(f.bytes / 1048576).toFixed(1)
    })) ?? 'run npm run agent:build first'
};
console.log(JSON.stringify(results, null, 2));
await dispatcher.close();
