// npm run agent:build: builds the OnTrackio Agent and writes the download manifest FROM THE FILES
// PRODUCED (size and SHA-256 are measured, never typed in).
//   1. dist/agent/ontrackio-agent.cjs: the agent bundled into one file (runs with Node.js 24 on any OS);
//   2. dist/agent/ontrackio-agent-linux-x64: a Node single-executable application (SEA) for Linux x64,
//      made from this machine's Node 24 binary with postject;
//   3. static/downloads/agent/: the files small enough to be served as Worker static assets (25 MiB
//      cap per asset) plus manifest.json, which the "Download the endpoint agent" card reads.
// Windows (.msi) and macOS (.pkg) installers need WiX / pkgbuild and the Windows/macOS Node binaries,
// none of which exist on this Linux build machine; the manifest lists only what was really built.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_VERSION } from '../agent/src/version.ts';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'agent');
const PUBLIC = join(ROOT, 'static', 'downloads', 'agent');
const ASSET_LIMIT = 25 * 1024 * 1024;

rmSync(DIST, { recursive: true, force: true });
rmSync(PUBLIC, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
mkdirSync(PUBLIC, { recursive: true });

const bundle = join(DIST, 'ontrackio-agent.cjs');
await build({
  entryPoints: [join(ROOT, 'agent', 'src', 'cli.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  minify: true,
  legalComments: 'none'
});
chmodSync(bundle, 0o755);
console.log(`bundle: ${bundle} (${statSync(bundle).size} bytes)`);

const files: Array<{ label: string; platform: string; path: string; serve: boolean }> = [
  { label: 'OnTrackio Agent for Node.js 24 (macOS, Windows, Linux)', platform: 'node', path: bundle, serve: true }
];

if (process.platform === 'linux' && process.arch === 'x64' && process.env.AGENT_BUILD_SEA !== '0') {
  const blob = join(DIST, 'sea-prep.blob');
  const seaConfig = join(DIST, 'sea-config.json');
  // The embedded script must not start with the shebang line.
  const seaMain = join(DIST, 'sea-main.cjs');
  writeFileSync(seaMain, readFileSync(bundle, 'utf8').replace(/^#![^\n]*\n/, ''));
  writeFileSync(seaConfig, JSON.stringify({ main: seaMain, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false }));
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
  const exe = join(DIST, 'ontrackio-agent-linux-x64');
  copyFileSync(process.execPath, exe);
  chmodSync(exe, 0o755);
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
    exe,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
  ], { stdio: 'inherit' });
  rmSync(blob);
  rmSync(seaConfig);
  rmSync(seaMain);
  const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== AGENT_VERSION) throw new Error(`the single executable answered ${version}, expected ${AGENT_VERSION}`);
  console.log(`single executable: ${exe} (${statSync(exe).size} bytes), --version ok`);
  files.push({ label: 'OnTrackio Agent for Linux x64 (single executable)', platform: 'linux-x64', path: exe, serve: false });
}

const entries = files.map((f) => {
  const bytes = statSync(f.path).size;
  const name = f.path.split('/').pop()!;
  const servable = f.serve && bytes <= ASSET_LIMIT;
  if (servable) copyFileSync(f.path, join(PUBLIC, name));
  return {
    label: f.label,
    platform: f.platform,
    file: name,
    bytes,
    sha256: createHash('sha256').update(readFileSync(f.path)).digest('hex'),
    href: servable ? `/downloads/agent/${name}` : null
  };
});
const manifest = { version: AGENT_VERSION, builtAt: new Date().toISOString(), files: entries };
writeFileSync(join(PUBLIC, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
writeFileSync(join(DIST, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`manifest: ${join(PUBLIC, 'manifest.json')}`);
if (!existsSync(join(PUBLIC, 'manifest.json'))) process.exit(1);
