// Where `npm run agent:build` puts its output and which targets it knows (shared with agent:publish,
// which must answer quickly when nothing needs doing: this module imports nothing heavy).
import { join } from 'node:path';

export const DIST = join(import.meta.dirname, '..', '..', 'dist', 'agent');
export const DIST_MANIFEST = join(DIST, 'manifest.json');
/** Which targets the last build was asked for: { targets: Target[] }. */
export const DIST_BUILD_INFO = join(DIST, 'build.json');
export const TARGETS = ['node', 'linux', 'windows', 'macos'] as const;
export type Target = (typeof TARGETS)[number];

export function parseTargets(argv: string[]): Target[] {
  const i = argv.indexOf('--targets');
  if (i < 0) return [...TARGETS];
  const wanted = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const bad = wanted.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (bad.length || !wanted.length) throw new Error(`--targets takes a list of ${TARGETS.join(', ')}`);
  return wanted as Target[];
}
