// The deployed Worker as wrangler builds it: total size (raw and gzip), what it is made of by package
// (esbuild's metafile of `wrangler deploy --dry-run`), and its startup CPU (`wrangler check startup`,
// the V8 profile of the isolate evaluating the bundle before its first request).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, WRANGLER, benchEnv } from './servers.ts';

export interface BundleReport {
  rawBytes: number;
  gzipBytes: number;
  /** Bytes in the output by origin, largest first. */
  byPackage: { name: string; bytes: number }[];
  startupMs: number[];
}

/** Which package (or part of the app) an esbuild input path belongs to. */
export function originOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    const outer = input.slice(0, nm).match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/$/);
    return outer ? `${name} (inside ${outer[1]})` : name;
  }
  if (input.includes('.svelte-kit/output/server/')) {
    const p = input.slice(input.indexOf('.svelte-kit/output/server/') + '.svelte-kit/output/server/'.length);
    if (p.startsWith('entries/')) return 'app: SvelteKit routes (Vite build)';
    if (p.startsWith('chunks/')) return 'app: server code, shared chunks (Vite build)';
    if (p === 'worker-server.js') return 'app: worker/server.ts (Vite build)';
    return 'SvelteKit runtime (Vite build)';
  }
  if (input.includes('.svelte-kit/')) return 'SvelteKit manifest';
  // Server code bundled by wrangler straight from source is a second copy of what the Vite build
  // already holds: worker/index.ts must import it through #worker-server.
  if (input.startsWith('src/')) return 'app: src/ bundled from source (a second copy!)';
  if (input.startsWith('worker/')) return 'app: worker/ entry';
  return input.startsWith('bench/') ? 'bench' : 'other';
}

function dryRun(out: string) {
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outdir', out, '--metafile', join(out, 'meta.json')],
    { cwd: ROOT, env: benchEnv, stdio: 'ignore' }
  );
}

function sizes(out: string) {
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
  return { raw, gz };
}

function composition(out: string) {
  const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const by = new Map<string, number>();
  for (const output of Object.values(meta.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = originOf(relative(ROOT, join(ROOT, input)));
      by.set(name, (by.get(name) ?? 0) + bytesInOutput);
    }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Active (non-idle) CPU time of one startup profile, in ms. */
export function activeMs(profilePath: string): number {
  const p = JSON.parse(readFileSync(profilePath, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let us = 0;
  for (let i = 0; i < p.samples.length; i++) if (!idle.has(p.samples[i])) us += p.timeDeltas[i] ?? 0;
  return us / 1000;
}

function startupRuns(state: string, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const file = join(state, `startup-${i}.cpuprofile`);
    execFileSync(process.execPath, [WRANGLER, 'check', 'startup', '--outfile', file], {
      cwd: ROOT,
      env: benchEnv,
      stdio: 'ignore'
    });
    out.push(activeMs(file));
  }
  return out;
}

export function measureBundle(state: string, startupRunCount = 3): BundleReport {
  const out = join(state, 'bundle');
  dryRun(out);
  const { raw, gz } = sizes(out);
  return {
    rawBytes: raw,
    gzipBytes: gz,
    byPackage: composition(out),
    startupMs: startupRuns(state, startupRunCount)
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function printBundle(b: BundleReport) {
  const sorted = [...b.startupMs].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`\nWorker bundle: ${kib(b.rawBytes)} raw, ${kib(b.gzipBytes)} gzip (target < 400 KiB gzip)`);
  console.log(
    `Startup CPU (wrangler check startup, ${b.startupMs.length} runs): median ${median.toFixed(0)} ms ` +
      `[${b.startupMs.map((m) => m.toFixed(0)).join(', ')}] (target < 100 ms)`
  );
  console.log('\nbundle by package (bytes in the output, minified):');
  for (const p of b.byPackage.filter((x) => x.bytes >= 2048))
    console.log(`  ${p.name.padEnd(52)}${kib(p.bytes).padStart(12)}`);
  const small = b.byPackage.filter((x) => x.bytes < 2048);
  if (small.length)
    console.log(
      `  ${`${small.length} more under 2 KiB`.padEnd(52)}${kib(small.reduce((n, x) => n + x.bytes, 0)).padStart(12)}`
    );
}
