// The deployed Worker as wrangler builds it: its modules (raw and gzip), what each is made of by
// package, and its startup CPU (`wrangler check startup`, the V8 profile of the isolate evaluating the
// Worker before its first request). The main module is what every isolate compiles at startup; the
// lazy modules (worker/lazy/*.mjs, scripts/build-lazy-modules.ts) are uploaded beside it and compiled
// only when a request imports them. Composition: esbuild's metafile of `wrangler deploy --dry-run` for
// the main module, the build step's own metafile for the lazy modules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, WRANGLER, benchEnv } from './servers.ts';

const LAZY_METAFILE = join(ROOT, '.svelte-kit/lazy-modules.meta.json');

export interface ModuleReport {
  /** The module's name in the upload (relative to wrangler's module root). */
  name: string;
  rawBytes: number;
  gzipBytes: number;
  /** Bytes in the module by origin, largest first. */
  byPackage: { name: string; bytes: number }[];
}

export interface BundleReport {
  /** Every module uploaded. */
  rawBytes: number;
  gzipBytes: number;
  /** Compiled by every isolate at startup. */
  main: ModuleReport;
  /** Uploaded, compiled on first import only. */
  lazy: ModuleReport[];
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
  if (input.includes('lazy-modules')) return 'app: lazy module entries and shims';
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

function moduleFiles(out: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js|wasm)$/.test(f)) files.push(relative(out, p));
    }
  };
  walk(out);
  return files.sort();
}

type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

function composition(outputs: Metafile['outputs'][string][]) {
  const by = new Map<string, number>();
  for (const output of outputs)
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = originOf(relative(ROOT, join(ROOT, input)));
      by.set(name, (by.get(name) ?? 0) + bytesInOutput);
    }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function moduleReport(out: string, name: string, outputs: Metafile['outputs'][string][]): ModuleReport {
  const buf = readFileSync(join(out, name));
  return {
    name,
    rawBytes: buf.length,
    gzipBytes: gzipSync(buf, { level: 9 }).length,
    byPackage: composition(outputs)
  };
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
  const wranglerMeta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Metafile;
  const lazyMeta: Metafile = existsSync(LAZY_METAFILE)
    ? JSON.parse(readFileSync(LAZY_METAFILE, 'utf8'))
    : { outputs: {} };
  // wrangler's metafile describes the one file its esbuild wrote: the main module.
  const files = moduleFiles(out);
  const mainName = files.find((f) => !f.includes('/')) ?? files[0];
  const main = moduleReport(out, mainName, Object.values(wranglerMeta.outputs));
  const lazy = files
    .filter((f) => f !== mainName)
    .map((f) => {
      const built = Object.entries(lazyMeta.outputs).find(([o]) => o.endsWith(`/${f}`));
      return moduleReport(out, f, built ? [built[1]] : []);
    });
  const all = [main, ...lazy];
  return {
    rawBytes: all.reduce((n, m) => n + m.rawBytes, 0),
    gzipBytes: all.reduce((n, m) => n + m.gzipBytes, 0),
    main,
    lazy,
    startupMs: startupRuns(state, startupRunCount)
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function printComposition(m: ModuleReport) {
  for (const p of m.byPackage.filter((x) => x.bytes >= 2048))
    console.log(`    ${p.name.padEnd(50)}${kib(p.bytes).padStart(12)}`);
  const small = m.byPackage.filter((x) => x.bytes < 2048);
  if (small.length)
    console.log(
      `    ${`${small.length} more under 2 KiB`.padEnd(50)}${kib(small.reduce((n, x) => n + x.bytes, 0)).padStart(12)}`
    );
}

export function printBundle(b: BundleReport) {
  const sorted = [...b.startupMs].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  const line = (label: string, raw: number, gz: number) =>
    console.log(`  ${label.padEnd(40)}${kib(raw).padStart(12)} raw${kib(gz).padStart(12)} gzip`);
  console.log('\nWorker modules (minified, as uploaded):');
  line(`main module ${b.main.name} (every isolate)`, b.main.rawBytes, b.main.gzipBytes);
  for (const m of b.lazy) line(`lazy ${m.name} (on first import)`, m.rawBytes, m.gzipBytes);
  const lazyRaw = b.lazy.reduce((n, m) => n + m.rawBytes, 0);
  const lazyGz = b.lazy.reduce((n, m) => n + m.gzipBytes, 0);
  line('lazy modules together', lazyRaw, lazyGz);
  line('total uploaded', b.rawBytes, b.gzipBytes);
  console.log(
    `Main module: ${kib(b.main.gzipBytes)} gzip (target < 400 KiB gzip: ` +
      `${b.main.gzipBytes < 400 * 1024 ? 'met' : 'NOT met'})`
  );
  console.log(
    `Startup CPU (wrangler check startup, ${b.startupMs.length} runs): median ${median.toFixed(0)} ms ` +
      `[${b.startupMs.map((m) => m.toFixed(0)).join(', ')}] (target < 100 ms)`
  );
  for (const m of [b.main, ...b.lazy]) {
    console.log(`\n  ${m.name} by package (bytes in the output, minified):`);
    printComposition(m);
  }
}
