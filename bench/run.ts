// `npm run bench`: in ONE run, on local workerd (wrangler dev on the built Worker):
//   load        throughput and p50/p99 at a fixed concurrency for a bare baseline Worker and the
//               product's signed-in pages and API routes (ratios to the baseline), p50 at concurrency 1;
//   weight      the JavaScript chromium downloads for every My portal page;
//   lighthouse  Lighthouse scores for Sign in, /my and /my/hardware;
//   roundtrips  storage calls per request and sequential steps (bench/instrumented-worker.ts);
//   profile     a V8 CPU profile of signed-in /my under load (unminified build, for readable names);
//   bundle      the Worker bundle's size and composition, and its startup CPU;
//   webhooks    event → first delivery attempt, to a loopback receiver (bench/webhook-latency.ts).
// BENCH_PARTS=load,bundle (comma list) runs a subset; BENCH_TARGETS narrows the load part. Targets are reported, never asserted.
// Results: bench/results/<time>.json. Ports: BENCH_PORT (default 8897) .. +3, +8; inspectors +1000.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult, type Target } from './load.ts';
import { BULK_ITEMS, BULK_USER, seedBulkUser } from './my-portal-bulk.ts';
import { ROOT, WRANGLER, benchEnv, signInCookie, startWrangler, stop, waitFor } from './servers.ts';
import {
  ADMIN_PATHS,
  BULK_DETAIL_PATHS,
  SIGNED_IN_PATHS,
  measureRoundTrips,
  printRoundTrips
} from './round-trips.ts';
import { measurePageWeights, printPageWeights } from './page-weight.ts';
import { allMyPortalPages } from './my-portal-pages.ts';
import { printLighthouse, runLighthouse } from './lighthouse.ts';
import { printProfile, profileDuring, saveProfile, summarizeProfile } from './cpu-profile.ts';
import { measureBundle, printBundle } from './bundle.ts';
import { printLoad } from './report.ts';
import { cpuPerRequest, threadTimesOfGroup, type CpuPerRequest } from './thread-cpu.ts';
import { createServiceToken } from './settings-forms.ts';
import { measureWebhookLatency, printWebhookLatency } from './webhook-latency.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const PORT = Number(process.env.BENCH_PORT ?? 8897);
const APP_PORT = PORT;
const BASE_PORT = PORT + 1;
const TRACE_PORT = PORT + 2;
const PROFILE_PORT = PORT + 3;
const LIGHTHOUSE_DEBUG_PORT = PORT + 8;
const HOST = 'acme.localhost';
const ORIGIN = `http://${HOST}:${APP_PORT}`;
const STATE = join(ROOT, '.wrangler', 'bench-state');
const PARTS = new Set(
  (process.env.BENCH_PARTS ?? 'load,webhooks,weight,lighthouse,roundtrips,profile,bundle').split(',')
);
// The page the `profile` part profiles, and as whom (`bulk`: the user with 200 devices and requests;
// `none`: signed out; `token`: workspace service tokens with hardware:read, in turn, as the load part
// calls `/api/v1/admin/hardware`).
const PROFILE_PATH = process.env.BENCH_PROFILE_PATH ?? '/my';
const PROFILE_AS = process.env.BENCH_PROFILE_AS ?? 'ada';
// BENCH_TARGETS=/my,/api/v1/my/dashboard: only the load targets whose path is listed (the baseline
// and the two floors always run, so the ratios still compare within the run).
const TARGETS = process.env.BENCH_TARGETS?.split(',');
const WEBHOOK_SAMPLES = Number(process.env.BENCH_WEBHOOK_SAMPLES ?? 20);
// Service tokens for the token-authenticated target, used in turn: each has its own exact limit
// (LIMITS.apiToken, 600 a minute), which one fast run at concurrency 10 would otherwise reach.
const TOKEN_COUNT = 8;
const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  concurrency: CONCURRENCY,
  durationMs: DURATION_MS,
  node: process.version,
  loadAverageAtStart: loadavg()
};

function freshState() {
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', STATE], {
    cwd: ROOT,
    env: benchEnv,
    stdio: 'ignore'
  });
  seedBulkUser(ROOT, STATE, WRANGLER, benchEnv);
}

/** Starts a wrangler dev, runs `work` against it (given the server's process group), and always ends it. */
async function withServer<T>(
  args: string[],
  port: number,
  label: string,
  work: (pgid: number | undefined) => Promise<T>
) {
  const child: ChildProcess = startWrangler(args, port, label);
  try {
    await waitFor(port, HOST, '/api/v1/health');
    return await work(child.pid);
  } finally {
    stop(child);
  }
}

async function cookies(port: number) {
  return {
    ada: await signInCookie(port, HOST, 'ada@acme.example'),
    bulk: await signInCookie(port, HOST, BULK_USER)
  };
}

interface LoadAuth {
  ada: string;
  bulk: string;
  admin: string;
  tokens: string[];
}

function loadTargets(c: LoadAuth): Target[] {
  const app = (name: string, path: string, cookie?: string): Target => ({
    name,
    port: APP_PORT,
    host: HOST,
    path,
    headers: cookie ? { cookie } : undefined
  });
  return [
    { name: 'baseline (bare Worker)', port: BASE_PORT, host: 'localhost', path: '/' },
    app('GET /api/v1/health', '/api/v1/health'),
    // What a SvelteKit page costs with no storage call at all: the central "find your workspace" page.
    { name: 'render floor (central page, no storage)', port: APP_PORT, host: 'localhost', path: '/' },
    // The sign-in page: one D1 query (its single sign-on buttons) and a SvelteKit render.
    app('GET /login (signed out)', '/login'),
    // What the storage calls of a warm signed-in page cost with no app code (baseline-worker.ts).
    {
      name: 'storage floor (2 D1 calls, no app)',
      port: BASE_PORT,
      host: 'localhost',
      path: '/storage-floor'
    },
    app('GET /my (signed in)', '/my', c.ada),
    app('GET /api/v1/my/dashboard (signed in)', '/api/v1/my/dashboard', c.ada),
    app(`GET /my/hardware (${BULK_ITEMS} items)`, '/my/hardware', c.bulk),
    app(`GET /my/requests (${BULK_ITEMS} items)`, '/my/requests', c.bulk),
    app('GET /my/software (signed in)', '/my/software', c.ada),
    app('GET /my/notifications (signed in)', '/my/notifications', c.ada),
    app('GET /api/v1/admin/hardware (session)', '/api/v1/admin/hardware', c.admin),
    {
      ...app('GET /api/v1/admin/hardware (token)', '/api/v1/admin/hardware'),
      rotate: c.tokens.map((t) => ({ authorization: `Bearer ${t}` }))
    }
  ];
}

async function loadAndPages() {
  await withServer(['--persist-to', STATE], APP_PORT, 'app', async (appGroup) => {
    const c = await cookies(APP_PORT);
    const admin = await signInCookie(APP_PORT, HOST, 'admin@acme.example');
    if (PARTS.has('load')) {
      const tokens: string[] = [];
      for (let i = 0; i < TOKEN_COUNT; i++)
        tokens.push(await createServiceToken(APP_PORT, HOST, admin, `bench ${i}`, ['hardware:read']));
      const base = startWrangler(['--config', 'bench/wrangler.baseline.toml'], BASE_PORT, 'baseline');
      try {
        await waitFor(BASE_PORT, 'localhost', '/');
        const rows: {
          load: LoadResult;
          single: LoadResult;
          baseline?: LoadResult;
          cpu: CpuPerRequest | null;
        }[] = [];
        const targets = loadTargets({ ...c, admin, tokens }).filter(
          (t) => !TARGETS || t.port === BASE_PORT || t.name.includes('floor') || TARGETS.includes(t.path)
        );
        for (const t of targets) {
          // The baseline again just before each target: the machine's speed drifts within a run (the
          // bare Worker alone gave 409-574 req/s across the runs of one idle afternoon), so each
          // ratio is taken against the baseline measured next to it (report.ts).
          const baseline = t === targets[0] ? undefined : await runLoad(targets[0], CONCURRENCY, DURATION_MS);
          process.stderr.write(`measuring ${t.name} …\n`);
          const group = t.port === BASE_PORT ? base.pid : appGroup;
          const before = threadTimesOfGroup(group);
          const load = await runLoad(t, CONCURRENCY, DURATION_MS);
          const cpu = cpuPerRequest(before, threadTimesOfGroup(group), load.requests);
          const single = await runLoad(t, 1, Math.min(DURATION_MS, 3000), 10);
          rows.push({ load, single, baseline, cpu });
        }
        results.load = printLoad(rows, CONCURRENCY, DURATION_MS);
        results.loadAverageAfterLoad = loadavg();
        console.log(
          `  load average (1, 5, 15 min) after the load part: ${loadavg()
            .map((l) => l.toFixed(2))
            .join(', ')}`
        );
      } finally {
        stop(base);
      }
    }
    if (PARTS.has('webhooks')) {
      process.stderr.write('measuring webhook deliveries …\n');
      const latency = await measureWebhookLatency(APP_PORT, HOST, admin, WEBHOOK_SAMPLES);
      printWebhookLatency(latency);
      console.log(
        `  load average (1, 5, 15 min): ${loadavg()
          .map((l) => l.toFixed(2))
          .join(', ')}`
      );
      results.webhooks = { ...latency, loadAverage: loadavg() };
    }
    if (PARTS.has('weight')) {
      process.stderr.write('loading the My portal in chromium …\n');
      const rows = await measurePageWeights(ORIGIN, c.bulk, await allMyPortalPages(APP_PORT, HOST, c.bulk));
      printPageWeights(rows);
      results.pageWeights = rows;
    }
    if (PARTS.has('lighthouse')) {
      process.stderr.write('running Lighthouse …\n');
      const rows = await runLighthouse(
        ORIGIN,
        [{ path: '/login' }, { path: '/my', cookie: c.ada }, { path: '/my/hardware', cookie: c.bulk }],
        LIGHTHOUSE_DEBUG_PORT
      );
      printLighthouse(rows);
      results.lighthouse = rows;
    }
  });
}

async function roundTrips() {
  await withServer(
    ['bench/instrumented-worker.ts', '--persist-to', STATE],
    TRACE_PORT,
    'instrumented',
    async () => {
      const c = await cookies(TRACE_PORT);
      const admin = await signInCookie(TRACE_PORT, HOST, 'admin@acme.example');
      const rows = await measureRoundTrips(TRACE_PORT, HOST, [
        ...SIGNED_IN_PATHS.map((path) => ({ path, cookie: c.ada })),
        ...BULK_DETAIL_PATHS.map((path) => ({ path, cookie: c.bulk })),
        ...ADMIN_PATHS.map((path) => ({ path, cookie: admin }))
      ]);
      printRoundTrips(rows);
      results.roundTrips = rows;
    }
  );
}

async function profile() {
  await withServer(['--persist-to', STATE, '--minify', 'false'], PROFILE_PORT, 'profile', async () => {
    const c = await cookies(PROFILE_PORT);
    const tokens: string[] = [];
    if (PROFILE_AS === 'token') {
      const admin = await signInCookie(PROFILE_PORT, HOST, 'admin@acme.example');
      for (let i = 0; i < TOKEN_COUNT; i++)
        tokens.push(await createServiceToken(PROFILE_PORT, HOST, admin, `profile ${i}`, ['hardware:read']));
    }
    const target: Target = {
      name: PROFILE_PATH,
      port: PROFILE_PORT,
      host: HOST,
      path: PROFILE_PATH,
      headers:
        PROFILE_AS === 'none' || PROFILE_AS === 'token'
          ? undefined
          : { cookie: PROFILE_AS === 'bulk' ? c.bulk : c.ada },
      rotate: tokens.map((t) => ({ authorization: `Bearer ${t}` }))
    };
    await runLoad(target, 1, 500, 30);
    const prof = await profileDuring(PROFILE_PORT + 1000, () => runLoad(target, CONCURRENCY, DURATION_MS));
    const slug = PROFILE_PATH.replace(/^\//, '').replace(/\W+/g, '-');
    const file = join(ROOT, 'bench', 'results', `profile-${slug}-${Date.now()}.cpuprofile`);
    saveProfile(prof, file);
    const summary = summarizeProfile(prof);
    printProfile(`GET ${PROFILE_PATH}`, summary, file);
    results.profile = summary;
  });
}

async function main() {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  freshState();
  if (['load', 'webhooks', 'weight', 'lighthouse'].some((p) => PARTS.has(p))) await loadAndPages();
  if (PARTS.has('roundtrips')) await roundTrips();
  if (PARTS.has('profile')) await profile();
  if (PARTS.has('bundle')) {
    process.stderr.write('building the bundle, profiling startup …\n');
    const b = measureBundle(STATE);
    printBundle(b);
    results.bundle = b;
  }
  const file = join(ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${file}`);
}

await main();
