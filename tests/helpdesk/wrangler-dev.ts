// `wrangler dev` on the built Worker with its own fresh, migrated and seeded local state, in its own
// process group (STACK-NOTES: ending the npx wrapper alone leaves workerd running). --test-scheduled
// lets a test or the benchmark run the Cron Triggers on demand (GET /__scheduled?cron=...).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { rmSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

async function waitForHealth(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited early (code ${child.exitCode}); see ${logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on port ${port} within 180 s; see ${logFile}`);
}

/** Starts it and resolves with a function that stops it (the whole process group). */
export async function startWranglerDev(port: number, stateName: string): Promise<() => void> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    throw new Error(
      `Port ${port} is already in use (a stale wrangler dev?). Stop it or choose another port.`
    );
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('Port ')) throw e;
  }
  const state = join(ROOT, '.wrangler', stateName);
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  execFileSync(process.execPath, ['scripts/setup-local.ts', '--persist-to', state], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  });
  const logFile = join(state, 'wrangler-dev.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      String(port + 1000),
      '--persist-to',
      state,
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
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHealth(port, child, logFile);
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
