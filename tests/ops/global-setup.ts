// Builds, once per run, a template of local state: the control plane and the demo workspaces migrated
// and seeded by the real `scripts/setup-local.ts`. Each ops test copies it into its own temporary
// project (helpers-ops.ts), so no test touches the repository's wrangler.toml or .wrangler/state.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    opsTemplateState: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ontrackio-ops-template-'));
  const state = join(dir, 'state');
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', state], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
  });
  project.provide('opsTemplateState', state);
  return () => rmSync(dir, { recursive: true, force: true });
}
