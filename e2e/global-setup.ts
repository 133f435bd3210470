// Starts the real product for the end-to-end tests: `wrangler dev` on the built Worker, with its own
// fresh local state (migrated and seeded with the demo data), on E2E_PORT (default 8788).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { rmSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.E2E_PORT ?? 8788);
const STATE = join(ROOT, '.wrangler', `e2e-state-${PORT}`);

declare module 'vitest' {
  export interface ProvidedContext {
    e2ePort: number;
  }
}

async function waitForHealth(child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited early (code ${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on port ${PORT} within 120 s; see ${logFile}`);
}

async function portIsFree(): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${PORT}/`, { signal: AbortSignal.timeout(1000) });
    return false; // something answers: a stale server would make every test lie
  } catch {
    return true;
  }
}

export default async function setup(project: TestProject) {
  if (!(await portIsFree())) {
    throw new Error(
      `Port ${PORT} is already in use (a stale wrangler dev?). Stop it or set E2E_PORT to a free port.`
    );
  }
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', STATE], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  });
  // The download card's tests need a published release, not the 250 MB of installers: only the Node
  // bundle is built (when dist/agent/ lacks it) and uploaded; the card then names the .pkg and .msi as
  // missing. The installers themselves are checked in agent/test/installers.test.ts.
  execFileSync(process.execPath, ['scripts/agent-publish.ts', '--persist-to', STATE, '--targets', 'node'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  });

  const logFile = join(STATE, 'wrangler-dev.log');
  const log = openSync(logFile, 'w');
  // Own process group (detached) so teardown can end wrangler *and* workerd (STACK-NOTES).
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--port',
      String(PORT),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      STATE,
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
  project.provide('e2ePort', PORT);

  return () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
}
