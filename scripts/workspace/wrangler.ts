// Runs wrangler (the repository's pinned copy, under the Node that runs this script) against one
// configuration file and one deployment. Local: `--local`, state in <config dir>/.wrangler/state (what
// `npm run dev` uses). Production: `--remote --env production` (needs `wrangler login` or CLOUDFLARE_API_TOKEN).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { Deployment } from './config.ts';

const WRANGLER_JS = join(import.meta.dirname, '..', '..', 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export interface Target {
  configPath: string;
  deployment: Deployment;
}

export class WranglerError extends Error {
  readonly command: string;
  readonly output: string;
  constructor(command: string, output: string) {
    super(`wrangler ${command} failed:\n${output}`);
    this.command = command;
    this.output = output;
  }
}

function locationFlags(t: Target): string[] {
  return t.deployment === 'local' ? ['--local'] : ['--remote', '--env', 'production'];
}

/** Runs one wrangler command; returns stdout, throws WranglerError (with wrangler's own message) on failure. */
export function runWrangler(t: Target, args: string[], opts: { location?: boolean } = {}): string {
  const full = [
    ...args,
    ...(opts.location === false
      ? t.deployment === 'production'
        ? ['--env', 'production']
        : []
      : locationFlags(t)),
    '--config',
    t.configPath
  ];
  const res = spawnSync(process.execPath, [WRANGLER_JS, ...full], {
    cwd: dirname(t.configPath),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    // CI=true: wrangler never stops to ask for confirmation.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' }
  });
  if (res.error) throw new WranglerError(args.slice(0, 3).join(' '), res.error.message);
  if (res.status !== 0)
    throw new WranglerError(args.slice(0, 3).join(' '), cleanOutput(`${res.stdout}\n${res.stderr}`));
  return res.stdout;
}

/** The escape character that starts an ANSI colour sequence in wrangler's output. */
const ESC = String.fromCharCode(0x1b);

/** Wrangler's output without blank lines, log-file notices and update banners. */
export function cleanOutput(text: string): string {
  return text
    .replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .filter(
      (l) =>
        l.trim() !== '' &&
        !l.includes('Logs were written to') &&
        !l.includes('update available') &&
        !/^[-─]+$/.test(l.trim())
    )
    .join('\n');
}

/** `d1 execute --json` on a SQL file or command; returns the result rows of every statement. */
export function d1Query<T = Record<string, unknown>>(
  t: Target,
  binding: string,
  sql: { command: string } | { file: string }
): T[][] {
  const source = 'command' in sql ? ['--command', sql.command] : ['--file', sql.file];
  const out = runWrangler(t, ['d1', 'execute', binding, '--json', ...source]);
  const start = out.indexOf('[');
  const parsed = JSON.parse(out.slice(start)) as { results: T[]; success: boolean }[];
  return parsed.map((r) => r.results ?? []);
}
