// `npm run deploy -- --env production [--dry-run]` (after `npm run build`): deploys the Worker with a
// source map for every module it uploads, so a production stack trace from SAML, SCIM or passkey code
// is mapped back to the library's source like one from the main module.
//
// Why not plain `wrangler deploy`: when wrangler bundles (our case: worker/index.ts), it uploads the
// bundle's own source map and no other, even if an additional module (worker/lazy/*.mjs, built by
// scripts/build-lazy-modules.ts) names its map with `//# sourceMappingURL=`. Only for a Worker it does
// not bundle (`--no-bundle`) does it upload every map the modules name (wrangler 4.164,
// `loadSourceMaps`). So this runs wrangler twice with the same arguments:
//   1. `wrangler deploy --dry-run --outdir dist/worker`: wrangler bundles exactly as a deploy would
//      and writes what it would upload (index.js, index.js.map, lazy/*.mjs);
//   2. copies each lazy module's map beside it, then `wrangler deploy dist/worker/index.js --no-bundle`
//      uploads that folder as it is: the same modules under the same names, and all four maps
//      (upload_source_maps = true makes a named map that is missing fail the deploy).
// Invariant: the lazy modules in dist/worker are byte for byte the files their maps were built for.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const LAZY = join(ROOT, 'worker/lazy');
const OUT = join(ROOT, 'dist/worker');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const args = process.argv.slice(2);

const wrangler = (wranglerArgs: string[]) =>
  execFileSync(process.execPath, [WRANGLER, ...wranglerArgs], { cwd: ROOT, stdio: 'inherit' });

const lazyModules = readdirSync(LAZY).filter((f) => f.endsWith('.mjs'));
if (lazyModules.length === 0) {
  console.error('No worker/lazy/*.mjs: run `npm run build` first.');
  process.exit(1);
}

rmSync(OUT, { recursive: true, force: true });
wrangler(['deploy', ...args.filter((a) => a !== '--dry-run'), '--dry-run', '--outdir', OUT]);

for (const name of lazyModules) {
  const built = join(LAZY, name);
  const staged = join(OUT, 'lazy', name);
  if (!existsSync(staged) || !readFileSync(built).equals(readFileSync(staged)))
    throw new Error(`dist/worker/lazy/${name} is not worker/lazy/${name}: its source map would not fit`);
  copyFileSync(`${built}.map`, `${staged}.map`);
}

// --no-minify: the bundle is already minified; it only silences wrangler's "--minify and --no-bundle" warning.
wrangler(['deploy', join(OUT, 'index.js'), '--no-bundle', '--no-minify', ...args]);
