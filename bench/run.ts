// `npm run bench`: in ONE run, on local workerd (wrangler dev on the built Worker), measure throughput
// and p50/p99 latency at a fixed concurrency for a bare baseline Worker and the product's hot paths,
// and print each as a ratio to the baseline. Also reports the Worker bundle size and the JavaScript
// a browser downloads for /my. Targets are reported, never asserted. Results: bench/results/<time>.json.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import { runLoad, type LoadResult, type Target } from './load.ts';
import { BULK_ITEMS, BULK_USER, seedBulkUser } from './my-portal-bulk.ts';

const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const APP_PORT = Number(process.env.BENCH_PORT ?? 8897);
const BASE_PORT = APP_PORT + 1;
const STATE = join(ROOT, '.wrangler', 'bench-state');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function startWrangler(args: string[], port: number, log: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      ...args,
      '--port',
      String(port),
      '--inspector-port',
      String(port + 1000),
      '--ip',
      '127.0.0.1',
      '--show-interactive-dev-session=false'
    ],
    {
      cwd: ROOT,
      detached: true,
      env,
      stdio: ['ignore', 'ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore']
    }
  ).on('exit', (code) => code && console.error(`wrangler (${log}) exited with ${code}`));
}

function stop(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // gone already
  }
}

function request(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {}
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host, ...init.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
          );
        }
      );
      req.on('error', reject);
      if (init.body) req.write(init.body);
      req.end();
    }
  );
}

async function waitFor(port: number, host: string, path: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await request(port, host, path)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`nothing answered on ${port}`);
}

function bundleSize() {
  const out = join(STATE, 'bundle');
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', out], {
    cwd: ROOT,
    env,
    stdio: 'ignore'
  });
  let raw = 0;
  let gz = 0;
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js|wasm)$/.test(f)) {
        const buf = readFileSync(p);
        raw += buf.length;
        gz += gzipSync(buf, { level: 9 }).length;
      }
    }
  };
  walk(out);
  return { rawBytes: raw, gzipBytes: gz };
}

/** What a browser really downloads for a page: load it in Debian chromium and sum every script response. */
async function browserJsFor(port: number, host: string, path: string, cookie: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  try {
    const context = await browser.newContext();
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: `http://${host}:${port}/` }]);
    const page = await context.newPage();
    const scripts: Promise<Buffer>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body());
    });
    await page.goto(`http://${host}:${port}${path}`, { waitUntil: 'networkidle' });
    const bodies = await Promise.all(scripts);
    return {
      files: bodies.length,
      rawBytes: bodies.reduce((n, b) => n + b.length, 0),
      gzipBytes: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', STATE], {
    cwd: ROOT,
    env,
    stdio: 'ignore'
  });
  seedBulkUser(ROOT, STATE, WRANGLER, env);

  // Started one after the other: two wrangler dev processes starting at the same instant can pick
  // the same internal socket port.
  const app = startWrangler(['--persist-to', STATE], APP_PORT, 'app');
  let base: ChildProcess | null = null;
  try {
    await waitFor(APP_PORT, 'acme.localhost', '/api/v1/health');
    base = startWrangler(['--config', 'bench/wrangler.baseline.toml'], BASE_PORT, 'baseline');
    await waitFor(BASE_PORT, 'localhost', '/');

    const signIn = await request(APP_PORT, 'acme.localhost', '/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { origin: 'http://acme.localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@acme.example', password: 'demo-password-2026' })
    });
    const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0];
    if (signIn.status !== 200 || !cookie) throw new Error(`sign-in failed: ${signIn.status} ${signIn.body}`);
    const bulkSignIn = await request(APP_PORT, 'acme.localhost', '/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { origin: 'http://acme.localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ email: BULK_USER, password: 'demo-password-2026' })
    });
    const bulkCookie = String(bulkSignIn.headers['set-cookie']?.[0] ?? '').split(';')[0];
    if (bulkSignIn.status !== 200 || !bulkCookie)
      throw new Error(`sign-in failed: ${bulkSignIn.status} ${bulkSignIn.body}`);

    const targets: Target[] = [
      { name: 'baseline (bare Worker)', port: BASE_PORT, host: 'localhost', path: '/' },
      { name: 'GET /api/v1/health', port: APP_PORT, host: 'acme.localhost', path: '/api/v1/health' },
      {
        name: 'GET /my (signed in)',
        port: APP_PORT,
        host: 'acme.localhost',
        path: '/my',
        headers: { cookie }
      },
      {
        name: 'GET /api/v1/my/dashboard (signed in)',
        port: APP_PORT,
        host: 'acme.localhost',
        path: '/api/v1/my/dashboard',
        headers: { cookie }
      },
      {
        name: `GET /my/hardware (${BULK_ITEMS} items)`,
        port: APP_PORT,
        host: 'acme.localhost',
        path: '/my/hardware',
        headers: { cookie: bulkCookie }
      },
      {
        name: `GET /my/requests (${BULK_ITEMS} items)`,
        port: APP_PORT,
        host: 'acme.localhost',
        path: '/my/requests',
        headers: { cookie: bulkCookie }
      }
    ];
    const results: LoadResult[] = [];
    for (const t of targets) {
      process.stderr.write(`measuring ${t.name} …\n`);
      results.push(await runLoad(t, CONCURRENCY, DURATION_MS));
    }
    const baseline = results[0];
    const bundle = bundleSize();
    const js = await browserJsFor(APP_PORT, 'acme.localhost', '/my', cookie);
    const portalJs: Record<string, Awaited<ReturnType<typeof browserJsFor>>> = {};
    for (const path of ['/my/hardware', '/my/requests', '/my/requests/new'])
      portalJs[path] = await browserJsFor(APP_PORT, 'acme.localhost', path, bulkCookie);

    const rows = results.map((r) => ({
      ...r,
      rpsRatio: r.rps / baseline.rps,
      p50Ratio: r.p50Ms / baseline.p50Ms
    }));
    console.log(
      `\nconcurrency ${CONCURRENCY}, ${DURATION_MS / 1000}s per target, local workerd via wrangler dev\n`
    );
    console.log(
      'target'.padEnd(40) +
        'req/s'.padStart(9) +
        '  ×base'.padStart(8) +
        'p50 ms'.padStart(9) +
        'p99 ms'.padStart(9) +
        'errors'.padStart(8)
    );
    for (const r of rows) {
      console.log(
        r.name.padEnd(40) +
          r.rps.toFixed(0).padStart(9) +
          r.rpsRatio.toFixed(2).padStart(8) +
          r.p50Ms.toFixed(2).padStart(9) +
          r.p99Ms.toFixed(2).padStart(9) +
          String(r.errors).padStart(8)
      );
    }
    const my = rows[2];
    const dash = rows[3];
    console.log(
      `\nWorker bundle: ${(bundle.rawBytes / 1024).toFixed(1)} KiB raw, ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzip`
    );
    console.log(
      `JavaScript for /my: ${js.files} files, ${(js.rawBytes / 1024).toFixed(1)} KiB raw, ${(js.gzipBytes / 1024).toFixed(1)} KiB gzip`
    );
    for (const [path, j] of Object.entries(portalJs)) {
      console.log(
        `JavaScript for ${path}: ${j.files} files, ${(j.rawBytes / 1024).toFixed(1)} KiB raw, ${(j.gzipBytes / 1024).toFixed(1)} KiB gzip`
      );
    }
    console.log('\ntargets (reported, not asserted):');
    console.log(
      `  /my throughput >= 25% of baseline: ${(my.rpsRatio * 100).toFixed(0)}% ${my.rpsRatio >= 0.25 ? 'met' : 'NOT met'}`
    );
    console.log(
      `  /my p50 < 10 ms at concurrency 10:  ${my.p50Ms.toFixed(2)} ms ${my.p50Ms < 10 ? 'met' : 'NOT met'}`
    );
    console.log(
      `  dashboard JSON >= 40% of baseline:  ${(dash.rpsRatio * 100).toFixed(0)}% ${dash.rpsRatio >= 0.4 ? 'met' : 'NOT met'}`
    );
    console.log(
      `  /my JavaScript <= 40 KB gzip:       ${(js.gzipBytes / 1000).toFixed(1)} KB ${js.gzipBytes <= 40_000 ? 'met' : 'NOT met'}`
    );
    for (const r of rows.slice(4))
      console.log(
        `  ${r.name} >= 25% of baseline: ${(r.rpsRatio * 100).toFixed(0)}% ${r.rpsRatio >= 0.25 ? 'met' : 'NOT met'}`
      );
    for (const [path, j] of Object.entries(portalJs))
      console.log(
        `  ${path} JavaScript <= 40 KB gzip: ${(j.gzipBytes / 1000).toFixed(1)} KB ${j.gzipBytes <= 40_000 ? 'met' : 'NOT met'}`
      );

    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    const file = join(ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          concurrency: CONCURRENCY,
          durationMs: DURATION_MS,
          node: process.version,
          results: rows,
          bundle,
          browserJs: { path: '/my', ...js },
          portalJs
        },
        null,
        2
      )
    );
    console.log(`\nwrote ${file}`);
  } finally {
    stop(app);
    if (base) stop(base);
  }
}

await main();
