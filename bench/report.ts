// The throughput table: each target at the bench's concurrency (req/s, ratio to the bare Worker,
// p50, p99) with its p50 at concurrency 1 beside it. A target's ratio is to the baseline measured
// just before it (run.ts), or to the first baseline row when there is none.
import type { LoadResult } from './load.ts';

export const SIGNED_IN_RATIO_TARGET = 0.4;

export interface LoadRow extends LoadResult {
  /** To the baseline measured just before this target (baselineRps). */
  rpsRatio: number;
  baselineRps: number;
  p50AtOneMs: number;
  rpsAtOne: number;
}

export function printLoad(
  rows: { load: LoadResult; single: LoadResult; baseline?: LoadResult }[],
  concurrency: number,
  durationMs: number
): LoadRow[] {
  const first = rows[0].load;
  const out = rows.map(({ load, single, baseline }) => ({
    ...load,
    rpsRatio: load.rps / (baseline ?? first).rps,
    baselineRps: (baseline ?? first).rps,
    p50AtOneMs: single.p50Ms,
    rpsAtOne: single.rps
  }));
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
      'errors'.padStart(8)
  );
  for (const r of out)
    console.log(
      r.name.padEnd(40) +
        r.rps.toFixed(0).padStart(8) +
        r.rpsRatio.toFixed(2).padStart(7) +
        r.p50Ms.toFixed(1).padStart(9) +
        r.p99Ms.toFixed(1).padStart(9) +
        r.p50AtOneMs.toFixed(1).padStart(8) +
        String(r.errors).padStart(8)
    );
  const baselines = out.map((r) => r.baselineRps);
  console.log(
    `\n  ×base: to the baseline measured just before each target (${Math.min(...baselines).toFixed(0)}-` +
      `${Math.max(...baselines).toFixed(0)} req/s in this run)`
  );
  const signedIn = out.filter((r) => /signed in|items/.test(r.name));
  const worst = Math.min(...signedIn.map((r) => r.rpsRatio));
  console.log(
    `\n  every signed-in target >= ${SIGNED_IN_RATIO_TARGET} of the baseline: worst ${worst.toFixed(2)} ` +
      (worst >= SIGNED_IN_RATIO_TARGET ? 'met' : 'NOT met')
  );
  return out;
}
