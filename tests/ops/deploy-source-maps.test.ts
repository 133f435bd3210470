// `npm run deploy` (scripts/deploy.ts) uploads a source map for every module of the Worker: the main
// bundle and each lazy module (worker/lazy/*.mjs), and never a map as a module. Runs the real script
// and real wrangler against a stand-in for the Cloudflare API (stand-in-cloudflare-api.ts) and reads
// the Worker version uploads wrangler sent, beside those of a plain `wrangler deploy`. Needs
// `npm run build` (the lazy modules and their maps).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers-ops';
import { startStandInApi, type StandInApi } from './stand-in-cloudflare-api';

const LAZY = join(ROOT, 'worker/lazy');
const lazyModules = existsSync(LAZY) ? readdirSync(LAZY).filter((f) => f.endsWith('.mjs')) : [];

describe('npm run deploy', () => {
  let api: StandInApi;
  let plain: FormData;
  let ours: FormData;

  beforeAll(async () => {
    expect(lazyModules.length, 'run `npm run build` first').toBeGreaterThan(0);
    api = await startStandInApi();
    const env = {
      ...process.env,
      CLOUDFLARE_API_BASE_URL: api.baseUrl,
      CLOUDFLARE_API_TOKEN: 'stand-in',
      CLOUDFLARE_ACCOUNT_ID: '0123456789abcdef0123456789abcdef',
      WRANGLER_SEND_METRICS: 'false'
    };
    // Asynchronously: the stand-in answers from this process's event loop.
    for (const script of ['node_modules/wrangler/bin/wrangler.js deploy', 'scripts/deploy.ts'])
      await promisify(execFile)(process.execPath, script.split(' '), { cwd: ROOT, env, maxBuffer: 1 << 26 });
    expect(api.uploads).toHaveLength(2);
    [plain, ours] = api.uploads;
  }, 300_000);
  afterAll(() => api?.close());

  it('uploads every module with its source map, and no map as a module', async () => {
    const form = ours;
    const files = [...form.entries()].filter((e): e is [string, File] => e[1] instanceof File);
    const modules = files.filter(([, f]) => f.type === 'application/javascript+module').map(([n]) => n);
    const maps = files.filter(([, f]) => f.type === 'application/source-map');

    const lazyNames = lazyModules.map((f) => `lazy/${f}`);
    expect(modules.sort()).toEqual(['index.js', ...lazyNames].sort());
    expect(maps.map(([n]) => n).sort()).toEqual(['index.js.map', ...lazyNames.map((n) => `${n}.map`)].sort());
    for (const [name, file] of maps) {
      const map = JSON.parse(await file.text()) as { file: string; sources: string[] };
      expect(map.file).toBe(name.replace(/\.map$/, ''));
      expect(map.sources.length).toBeGreaterThan(0);
    }
    // The lazy modules go up as built, so their maps fit them.
    for (const name of lazyModules) {
      const uploaded = Buffer.from(await (form.get(`lazy/${name}`) as File).arrayBuffer());
      expect(uploaded.equals(readFileSync(join(LAZY, name)))).toBe(true);
    }
  });

  it('uploads the same Worker as plain `wrangler deploy`: same metadata, same modules byte for byte', async () => {
    expect(ours.get('metadata')).toBe(plain.get('metadata'));
    const modules = (form: FormData) =>
      [...form.entries()].filter(
        (e): e is [string, File] => e[1] instanceof File && e[1].type === 'application/javascript+module'
      );
    expect(modules(ours).map(([n]) => n)).toEqual(modules(plain).map(([n]) => n));
    for (const [name, file] of modules(plain)) {
      const a = Buffer.from(await file.arrayBuffer());
      const b = Buffer.from(await (ours.get(name) as File).arrayBuffer());
      expect(a.equals(b), name).toBe(true);
    }
    // Plain wrangler uploads the main module's map only (the reason for scripts/deploy.ts).
    const plainMaps = [...plain.entries()].filter(
      (e) => e[1] instanceof File && e[1].type === 'application/source-map'
    );
    expect(plainMaps.map(([n]) => n)).toEqual(['index.js.map']);
  });
});
