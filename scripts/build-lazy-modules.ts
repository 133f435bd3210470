// Builds the heavy libraries that only a few paths need (SAML's XML stack, the passkey server stack)
// as standalone ES modules in worker/lazy/, which wrangler uploads beside the Worker as separate
// modules (wrangler.toml: find_additional_modules + an ESModule rule). workerd compiles such a module
// only when it is imported, so an isolate that never signs anyone in with SAML or a passkey never
// parses them (bench/README.md, "Issue 16, third pass"). Part of `npm run build`.
//
// Assumptions: the entries (src/lib/server/lazy-modules/*.ts, except load.ts) re-export packages
// only, so nothing of the app is duplicated here; the Worker runs with nodejs_compat, which serves
// node:* modules. Node builtins become `node:` imports: ESM imports stay imports, CommonJS
// `require('crypto')` goes through a shim module that imports `node:crypto` (wrangler does the same
// for the main bundle). The metafile (.svelte-kit/lazy-modules.meta.json) feeds bench/bundle.ts.
//
// Source maps: each module gets an external `<name>.mjs.map` and a `//# sourceMappingURL=` comment,
// as wrangler's esbuild makes the main module's (upload_source_maps). `wrangler dev` maps stack traces
// through them; `wrangler deploy` 4.164 uploads only the main module's map when it bundles, so a
// production trace from these modules is mapped offline (docs/operations.md, "Stack traces").
// The maps are build output (.gitignore) and match no module rule (wrangler.toml), so they are
// never uploaded as modules.
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const ENTRIES_DIR = join(ROOT, 'src/lib/server/lazy-modules');
const OUT_DIR = join(ROOT, 'worker/lazy');
export const LAZY_MODULES_METAFILE = join(ROOT, '.svelte-kit/lazy-modules.meta.json');

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

const nodeBuiltins: Plugin = {
  name: 'node-builtins-as-node-imports',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!builtins.has(bare)) return undefined;
      if (args.kind === 'require-call') return { path: bare, namespace: 'node-require' };
      return { path: `node:${bare}`, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({
      contents: `import m from 'node:${args.path}';\nmodule.exports = m;`,
      loader: 'js'
    }));
  }
};

/** Globals that Node code uses without importing them, taken from nodejs_compat's modules. */
const GLOBALS_SHIM = `export { Buffer } from 'node:buffer';\nexport { default as process } from 'node:process';\n`;

const entries = readdirSync(ENTRIES_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'load.ts')
  .map((f) => join(ENTRIES_DIR, f));

for (const f of readdirSync(OUT_DIR, { withFileTypes: true }))
  if (f.isFile() && /\.mjs(\.map)?$/.test(f.name)) rmSync(join(OUT_DIR, f.name));
mkdirSync(join(ROOT, '.svelte-kit'), { recursive: true });
const shim = join(ROOT, '.svelte-kit/lazy-modules-globals.mjs');
writeFileSync(shim, GLOBALS_SHIM);

const result = await build({
  entryPoints: entries,
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'import', 'default'],
  define: { global: 'globalThis' },
  inject: [shim],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [nodeBuiltins],
  metafile: true,
  logLevel: 'warning'
});
writeFileSync(LAZY_MODULES_METAFILE, JSON.stringify(result.metafile));
for (const [file, { bytes }] of Object.entries(result.metafile.outputs))
  if (file.endsWith('.mjs')) console.log(`lazy module ${file}: ${(bytes / 1024).toFixed(1)} KiB`);
