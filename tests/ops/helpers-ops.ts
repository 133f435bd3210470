// Ops tests run the real CLI (scripts/workspace/cli.ts) and real wrangler against a temporary copy of
// the project: its own wrangler.toml and .wrangler/state, with the code folders symlinked.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
const WRANGLER_JS = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export interface OpsProject {
  dir: string;
  config: string;
  /** The project's own migrations folder (a copy when `copyMigrations`, so a test may add files). */
  migrations: string;
  cleanup(): void;
}

export function makeProject(opts: { copyMigrations?: boolean; seeded?: boolean } = {}): OpsProject {
  const dir = mkdtempSync(join(tmpdir(), 'ontrackio-ops-'));
  writeFileSync(join(dir, 'wrangler.toml'), readFileSync(join(ROOT, 'wrangler.toml')));
  for (const f of ['worker', 'src', '.svelte-kit', 'node_modules', 'package.json'])
    symlinkSync(join(ROOT, f), join(dir, f));
  if (opts.copyMigrations) cpSync(join(ROOT, 'migrations'), join(dir, 'migrations'), { recursive: true });
  else symlinkSync(join(ROOT, 'migrations'), join(dir, 'migrations'));
  if (opts.seeded !== false)
    cpSync(inject('opsTemplateState'), join(dir, '.wrangler', 'state'), { recursive: true });
  return {
    dir,
    config: join(dir, 'wrangler.toml'),
    migrations: join(dir, 'migrations'),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(p: OpsProject, ...args: string[]): CliResult {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'workspace', 'cli.ts'), ...args, '--config', p.config],
    {
      cwd: p.dir,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
    }
  );
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Rows of one SQL statement on a local database of the project, through wrangler. */
export function query<T = Record<string, unknown>>(p: OpsProject, binding: string, sql: string): T[] {
  return queries<T>(p, binding, [sql])[0];
}

/** Rows of each statement, in one wrangler call (each call costs a couple of seconds of CPU). */
export function queries<T = Record<string, unknown>>(
  p: OpsProject,
  binding: string,
  statements: string[]
): T[][] {
  const sql = statements.map((s) => s.replace(/;?\s*$/, ';')).join('\n');
  const res = spawnSync(
    process.execPath,
    [WRANGLER_JS, 'd1', 'execute', binding, '--local', '--json', '--command', sql, '--config', p.config],
    {
      cwd: p.dir,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }
    }
  );
  if (res.status !== 0) throw new Error(`query on ${binding} failed: ${res.stdout}\n${res.stderr}`);
  return (JSON.parse(res.stdout.slice(res.stdout.indexOf('['))) as { results: T[] }[]).map((r) => r.results);
}

export function readConfigText(p: OpsProject): string {
  return readFileSync(p.config, 'utf8');
}
