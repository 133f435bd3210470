// What a browser really downloads: every page of the My portal loaded in Debian chromium, signed in,
// every script response summed (gzip level 9 of each body, as a server would send it).
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const JS_BUDGET_BYTES = 35 * 1024;

/** Every page of the My portal (seed 000's sidebar and the pages behind its buttons). */
export const MY_PORTAL_PAGES = [
  '/my',
  '/my/hardware',
  '/my/software',
  '/my/loans',
  '/my/requests',
  '/my/requests/new',
  '/my/notifications',
  '/my/profile',
  '/my/profile/security',
  '/my/agent'
];

export interface PageWeight {
  path: string;
  status: number;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  cssFiles: number;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
}

/** `a=1; b=2` → playwright cookies for the origin. */
export function cookiesFor(cookieHeader: string, origin: string) {
  return cookieHeader
    .split(/;\s*/)
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url: `${origin}/` };
    });
}

export async function measurePageWeights(
  origin: string,
  cookie: string,
  paths: string[]
): Promise<PageWeight[]> {
  const browser = await launch();
  try {
    const rows: PageWeight[] = [];
    for (const path of paths) {
      // A fresh context per page: nothing cached from the previous one.
      const context = await browser.newContext();
      await context.addCookies(cookiesFor(cookie, origin));
      const page = await context.newPage();
      const scripts: Promise<Buffer>[] = [];
      let cssFiles = 0;
      page.on('response', (res) => {
        const type = res.request().resourceType();
        if (type === 'script') scripts.push(res.body());
        if (type === 'stylesheet') cssFiles++;
      });
      const res = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
      const bodies = await Promise.all(scripts);
      rows.push({
        path,
        status: res?.status() ?? 0,
        files: bodies.length,
        rawBytes: bodies.reduce((n, b) => n + b.length, 0),
        gzipBytes: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
        cssFiles
      });
      await context.close();
    }
    return rows;
  } finally {
    await browser.close();
  }
}

export function printPageWeights(rows: PageWeight[]) {
  console.log('\nJavaScript per My portal page (chromium, gzip), budget 35 KiB:\n');
  for (const r of rows)
    console.log(
      `  ${r.path.replace(/\/[0-9a-f]{32,}$/, '/[id]').padEnd(32)}${String(r.status).padStart(5)}${`${r.files} files`.padStart(10)}` +
        `${(r.gzipBytes / 1024).toFixed(1).padStart(8)} KiB gzip${(r.rawBytes / 1024).toFixed(1).padStart(8)} KiB raw` +
        `${`${r.cssFiles} css`.padStart(8)}  ${r.gzipBytes <= JS_BUDGET_BYTES ? 'met' : 'NOT met'}`
    );
}
