// Runs the real agent program (agent/src/cli.ts under this Node 24) against the e2e `wrangler dev`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', 'agent', 'src', 'cli.ts');

export interface AgentProcess {
  child: ChildProcess;
  home: string;
  output: () => string;
  /** Resolves with the first stdout match. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function agentHome(): string {
  return mkdtempSync(join(tmpdir(), 'ontrackio-agent-e2e-'));
}

export function startAgent(home: string, workspaceUrl: string, args: string[]): AgentProcess {
  const child = spawn(process.execPath, [CLI, ...args, '--workspace', workspaceUrl], {
    env: { ...process.env, ONTRACKIO_AGENT_HOME: home, ONTRACKIO_AGENT_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.match(pattern);
        if (m) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`agent did not print ${pattern} within ${timeoutMs} ms; output:\n${out}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, home, output: () => out, waitFor, exited };
}

/** Runs an agent command to completion. */
export async function runAgent(
  home: string,
  workspaceUrl: string,
  args: string[]
): Promise<{ code: number | null; output: string }> {
  const agent = startAgent(home, workspaceUrl, args);
  const code = await agent.exited;
  return { code, output: agent.output() };
}
