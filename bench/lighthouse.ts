// Lighthouse (the npm package, its default mobile configuration with simulated throttling) on Debian
// chromium, for Sign in, /my and /my/hardware: performance, accessibility and best-practices scores.
// Simulated throttling derives the metrics from the page's own trace, so a busy machine lowers the
// performance score; accessibility and best practices do not depend on load.
import lighthouse from 'lighthouse';
import { CHROMIUM } from './page-weight.ts';
import { chromium } from 'playwright-core';

export interface LighthouseRow {
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Audits under 1 in the three categories, for the reader to see what costs points. */
  failing: string[];
}

export async function runLighthouse(
  origin: string,
  pages: { path: string; cookie?: string }[],
  debugPort: number
): Promise<LighthouseRow[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--remote-debugging-port=${debugPort}`]
  });
  try {
    const rows: LighthouseRow[] = [];
    for (const { path, cookie } of pages) {
      const result = await lighthouse(`${origin}${path}`, {
        port: debugPort,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {})
      });
      if (!result) throw new Error(`lighthouse gave no result for ${path}`);
      const { categories, audits } = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const failing = Object.values(categories).flatMap((c) =>
        c.auditRefs
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${c.id}:${ref.id}`)
      );
      rows.push({
        path,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        failing
      });
    }
    return rows;
  } finally {
    await browser.close();
  }
}

export function printLighthouse(rows: LighthouseRow[]) {
  console.log('\nLighthouse (mobile, simulated throttling), target 98+ each:\n');
  console.log(`  ${'page'.padEnd(16)}${'perf'.padStart(6)}${'a11y'.padStart(6)}${'best'.padStart(6)}`);
  for (const r of rows) {
    console.log(
      `  ${r.path.padEnd(16)}${String(r.performance).padStart(6)}${String(r.accessibility).padStart(6)}${String(r.bestPractices).padStart(6)}` +
        (r.failing.length ? `   below 1: ${r.failing.join(', ')}` : '')
    );
  }
}
