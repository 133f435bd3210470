// A V8 CPU profile of the Worker under load, through workerd's inspector (wrangler dev
// --inspector-port): Profiler.start, the load, Profiler.stop. Summarised by self time per function
// and per origin (package or app folder), the origin read from the module comments that esbuild
// writes into an unminified bundle (`// node_modules/drizzle-orm/...`).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { originOf } from './bundle.ts';
import { ROOT } from './servers.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function inspectorSocket(inspectorPort: number): Promise<WebSocket> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  if (!targets.length) throw new Error(`no inspector target on ${inspectorPort}`);
  // wrangler's inspector proxy refuses an upgrade without an Origin (undici's WebSocket takes headers).
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl, {
    headers: { origin: `http://127.0.0.1:${inspectorPort}` }
  } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  return ws;
}

function rpc(ws: WebSocket) {
  let next = 1;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.onmessage = (ev) => {
    // The proxy echoes requests back; only a message with a result answers one.
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown };
    if (msg.id && msg.result !== undefined && waiting.has(msg.id)) {
      waiting.get(msg.id)?.(msg.result);
      waiting.delete(msg.id);
    }
  };
  return <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (v: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
}

/** Runs `load` with the profiler on and returns the profile. */
export async function profileDuring(
  inspectorPort: number,
  load: () => Promise<unknown>
): Promise<CpuProfile> {
  const ws = await inspectorSocket(inspectorPort);
  const call = rpc(ws);
  try {
    // Only Profiler.stop's answer is awaited: through wrangler's proxy the others are not always
    // answered under their own id. The inspector handles messages in order; the pause lets it start.
    void call('Profiler.enable');
    void call('Profiler.setSamplingInterval', { interval: 200 });
    void call('Profiler.start');
    await new Promise((r) => setTimeout(r, 500));
    await load();
    const { profile } = await call<{ profile: CpuProfile }>('Profiler.stop');
    return profile;
  } finally {
    ws.close();
  }
}

/** The newest bundle wrangler dev wrote (.wrangler/tmp/dev-*), whose module comments name origins. */
function newestDevBundle(): string | null {
  const tmp = join(ROOT, '.wrangler', 'tmp');
  try {
    const dirs = readdirSync(tmp)
      .filter((d) => d.startsWith('dev-'))
      .map((d) => join(tmp, d, 'index.js'))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      })
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    return dirs[0] ?? null;
  } catch {
    return null;
  }
}

/** App code by folder (the Vite build keeps its modules' paths as comments too), the rest by package. */
function profileOrigin(path: string): string {
  if (path.startsWith('src/') || path.startsWith('worker/'))
    return `app: ${path
      .split('/')
      .slice(0, path.startsWith('src/lib/') ? 4 : 2)
      .join('/')}`;
  return originOf(path);
}

/** For each line of the bundle, the origin of the module it belongs to. */
function lineOrigins(bundle: string): string[] {
  const out: string[] = [];
  let current = 'other';
  for (const line of bundle.split('\n')) {
    // esbuild's module comment; paths outside the project (a symlinked node_modules) start with ../
    const m = /^\/\/ (?:\.\.\/)*(?:[^\s]*?\/)?((?:node_modules|\.svelte-kit|src|worker|bench)\/\S+)$/.exec(
      line
    );
    if (m) current = profileOrigin(m[1]);
    out.push(current);
  }
  return out;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  topFunctions: { name: string; origin: string; selfMs: number; share: number }[];
  byOrigin: { origin: string; selfMs: number; share: number }[];
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const bundlePath = newestDevBundle();
  const origins = bundlePath ? lineOrigins(readFileSync(bundlePath, 'utf8')) : [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Samples counted, not time deltas: on a busy machine a sample whose thread was descheduled carries
  // a long delta and would inflate whatever function it landed in. Each sample stands for the mean
  // sampling interval.
  const interval =
    profile.timeDeltas.reduce((n, d) => n + Math.max(0, d), 0) / Math.max(1, profile.samples.length);
  const self = new Map<number, number>();
  profile.samples.forEach((id) => self.set(id, (self.get(id) ?? 0) + interval));
  let total = 0;
  let idle = 0;
  const fn = new Map<string, { origin: string; us: number }>();
  const org = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const inBundle = url.endsWith('index.js') && origins.length > lineNumber && lineNumber >= 0;
    const origin = functionName.startsWith('(')
      ? functionName
      : inBundle
        ? origins[lineNumber]
        : url
          ? `runtime: ${url.replace(/^.*\//, '')}`
          : 'runtime (native)';
    const key = `${functionName || '(anonymous)'} @ ${origin}${inBundle ? `:${lineNumber + 1}` : ''}`;
    const f = fn.get(key) ?? { origin, us: 0 };
    f.us += us;
    fn.set(key, f);
    org.set(origin, (org.get(origin) ?? 0) + us);
  }
  const busy = total - idle || 1;
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    topFunctions: [...fn]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, f]) => ({ name, origin: f.origin, selfMs: f.us / 1000, share: f.us / busy })),
    byOrigin: [...org]
      .sort((a, b) => b[1] - a[1])
      .map(([origin, us]) => ({ origin, selfMs: us / 1000, share: us / busy }))
  };
}

export function printProfile(label: string, s: ProfileSummary, file: string) {
  console.log(`\nCPU profile of ${label} under load (V8 inspector, self time; idle excluded): ${file}`);
  console.log(`  busy ${(s.totalMs - s.idleMs).toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms sampled`);
  console.log('  by origin:');
  for (const o of s.byOrigin.filter((x) => x.share >= 0.01))
    console.log(`    ${(o.share * 100).toFixed(1).padStart(5)}%  ${o.origin}`);
  console.log('  top functions:');
  for (const f of s.topFunctions) console.log(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
}

export function saveProfile(profile: CpuProfile, file: string) {
  writeFileSync(file, JSON.stringify(profile));
}
