// The throughput table: each target at the bench's concurrency (req/s, ratio to the bare Worker,
// p50, p99) with its p50 at concurrency 1 beside it. A target's ratio is to the baseline measured
// just before it (run.ts), or to the first baseline row when there is none.
import type { LoadResult } from './load.ts';
import type { CpuPerRequest } from './thread-cpu.ts';

export const SIGNED_IN_RATIO_TARGET = 0.4;

export interface LoadRow extends LoadResult {
  /** To the baseline measured just before this target (baselineRps). */
  rpsRatio: number;
  baselineRps: number;
  p50AtOneMs: number;
  rpsAtOne: number;
  /** CPU per request under load (thread-cpu.ts), null where /proc is not there. */
  cpu: CpuPerRequest | null;
  /** The baseline's busiest-thread CPU per request over this target's: the same ratio, in CPU. */
  cpuRatio: number | null;
}

export function printLoad(
  rows: { load: LoadResult; single: LoadResult; baseline?: LoadResult; cpu: CpuPerRequest | null }[],
  concurrency: number,
  durationMs: number
): LoadRow[] {
  const first = rows[0].load;
  const baseCpu = rows[0].cpu;
  const out = rows.map(({ load, single, baseline, cpu }) => ({
    ...load,
    rpsRatio: load.rps / (baseline ?? first).rps,
    baselineRps: (baseline ?? first).rps,
    p50AtOneMs: single.p50Ms,
    rpsAtOne: single.rps,
    cpu,
    cpuRatio: cpu && baseCpu ? baseCpu.busiestMs / cpu.busiestMs : null
  }));
  const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  console.log(
    `\nconcurrency ${concurrency}, ${durationMs / 1000}s per target, local workerd via wrangler dev\n`
  );
  console.log(
    'target'.padEnd(40) +
      'req/s'.padStart(8) +
      '×base'.padStart(7) +
      'p50 ms'.padStart(9) +
      'p99 ms'.padStart(9) +
      'p50@1'.padStart(8) +
      'errors'.padStart(8) +
      'cpu ms'.padStart(8) +
      '×base'.padStart(7) +
      'server'.padStart(8)
  );
  for (const r of out)
    console.log(
      r.name.padEnd(40) +
        r.rps.toFixed(0).padStart(8) +
        r.rpsRatio.toFixed(2).padStart(7) +
        r.p50Ms.toFixed(1).padStart(9) +
        r.p99Ms.toFixed(1).padStart(9) +
        r.p50AtOneMs.toFixed(1).padStart(8) +
        String(r.errors).padStart(8) +
        ms(r.cpu?.busiestMs).padStart(8) +
        (r.cpuRatio === null ? '–' : r.cpuRatio.toFixed(2)).padStart(7) +
        ms(r.cpu?.serverMs).padStart(8)
    );
  const baselines = out.map((r) => r.baselineRps);
  console.log(
    `\n  ×base: to the baseline measured just before each target (${Math.min(...baselines).toFixed(0)}-` +
      `${Math.max(...baselines).toFixed(0)} req/s in this run)`
  );
  console.log(
    "  cpu ms: CPU per request of the server's busiest thread (workerd: the Worker, its local D1 and\n" +
      "  HTTP, one thread), ×base the first baseline's over it; server: every thread of that wrangler dev"
  );
  // Every target but the baseline, the health check, the signed-out page and the storage floor is
  // signed in.
  const signedIn = out.filter((r) => r !== out[0] && !/health|signed out|floor/.test(r.name));
  const worst = Math.min(...signedIn.map((r) => r.rpsRatio));
  console.log(
    `\n  every signed-in target >= ${SIGNED_IN_RATIO_TARGET} of the baseline: worst ${worst.toFixed(2)} ` +
      (worst >= SIGNED_IN_RATIO_TARGET ? 'met' : 'NOT met')
  );
  const cpuRatios = signedIn.flatMap((r) => (r.cpuRatio === null ? [] : [r.cpuRatio]));
  if (cpuRatios.length)
    console.log(
      `  the same in CPU per request (busiest thread): ${Math.min(...cpuRatios).toFixed(2)}-` +
        `${Math.max(...cpuRatios).toFixed(2)} of the baseline`
    );
  printFloors(out, signedIn);
  return out;
}

// The two floors (run.ts): what a signed-in page's storage calls cost with no app code, and what a
// SvelteKit render costs with no storage. Together, minus the one bare request they both include,
// they are the least a signed-in page can cost this server's busiest thread; an API route renders
// no page, so its least is the storage floor.
function printFloors(out: LoadRow[], signedIn: LoadRow[]) {
  const storage = out.find((r) => r.name.startsWith('storage floor'));
  const render = out.find((r) => r.name.startsWith('render floor'));
  if (storage)
    console.log(
      `  the storage floor alone (a signed-in page's D1 calls, no app code): ${storage.rpsRatio.toFixed(2)} ` +
        `of the baseline` +
        (storage.cpuRatio === null ? '' : `, ${storage.cpuRatio.toFixed(2)} in CPU per request`)
    );
  const bare = out[0].cpu?.busiestMs;
  if (!storage?.cpu || !render?.cpu || bare === undefined) return;
  const least = storage.cpu.busiestMs + render.cpu.busiestMs - bare;
  console.log(
    `  storage floor + render floor - bare = ${least.toFixed(2)} ms per request of the busiest thread ` +
      `(${(bare / least).toFixed(2)} of the baseline): the least a signed-in page can cost here`
  );
  for (const r of signedIn) {
    if (!r.cpu) continue;
    const api = r.name.includes(' /api/');
    const floor = api ? storage.cpu.busiestMs : least;
    console.log(
      `    ${r.name.padEnd(40)} ${r.cpu.busiestMs.toFixed(2)} ms, ${(r.cpu.busiestMs - floor).toFixed(2)} ms ` +
        `above ${api ? 'the storage floor (an API route renders no page)' : 'it'}`
    );
  }
}
