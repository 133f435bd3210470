// The help-desk tests' world: the real product under `wrangler dev` (built Worker, fresh migrated and
// seeded local state, --test-scheduled so a test can run the 2-minute cron on demand) on HELPDESK_PORT
// (default 8790), and the clean Request Tracker template every test file restores its RT from.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { rmSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareTemplate, type RtTokens } from './rt';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.HELPDESK_PORT ?? 8790);
const STATE = join(ROOT, '.wrangler', `helpdesk-state-${PORT}`);

declare module 'vitest' {
  export interface ProvidedContext {
    helpdeskPort: number;
    rtTemplate: string;
    rtTokens: RtTokens;
  }
}

async function waitForHealth(child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited early (code ${child.exitCode}); see ${logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on port ${PORT} within 120 s; see ${logFile}`);
}

export default async function setup(project: TestProject) {
  try {
    await fetch(`http://127.0.0.1:${PORT}/`, { signal: AbortSignal.timeout(1000) });
    throw new Error(`Port ${PORT} is already in use (a stale wrangler dev?). Stop it or set HELPDESK_PORT.`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('Port ')) throw e;
  }
  const template = prepareTemplate();
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', STATE], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  });
  const logFile = join(STATE, 'wrangler-dev.log');
  const log = openSync(logFile, 'w');
  // Own process group (detached) so teardown ends wrangler *and* workerd (STACK-NOTES).
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--port',
      String(PORT),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      String(PORT + 1000),
      '--persist-to',
      STATE,
      '--test-scheduled',
      '--show-interactive-dev-session=false'
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
    }
  );
  try {
    await waitForHealth(child, logFile);
  } catch (err) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    throw err;
  }
  project.provide('helpdeskPort', PORT);
  project.provide('rtTemplate', template.db);
  project.provide('rtTokens', template.tokens);
  return () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
}
