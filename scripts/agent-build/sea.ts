// Node single-executable applications: the agent bundle as a SEA blob injected (postject) into a Node
// binary of the same version as the Node that prepares the blob. Linux ELF and Windows PE only: a
// Mach-O binary must be re-signed with Apple's codesign after injection, which Linux cannot do.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export function buildSeaExecutable(bundle: string, nodeBinary: string, out: string): void {
  const work = `${out}.sea`;
  const seaMain = `${work}-main.cjs`;
  const blob = `${work}.blob`;
  const config = `${work}.json`;
  // The embedded script must not start with the shebang line.
  writeFileSync(seaMain, readFileSync(bundle, 'utf8').replace(/^#![^\n]*\n/, ''));
  writeFileSync(
    config,
    JSON.stringify({ main: seaMain, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false })
  );
  try {
    execFileSync(process.execPath, ['--experimental-sea-config', config], {
      stdio: ['ignore', 'ignore', 'inherit']
    });
    copyFileSync(nodeBinary, out);
    chmodSync(out, 0o755);
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
        out,
        'NODE_SEA_BLOB',
        blob,
        '--sentinel-fuse',
        FUSE
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] }
    );
  } finally {
    for (const f of [seaMain, blob, config]) rmSync(f, { force: true });
  }
}
