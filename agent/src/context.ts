// What every command needs: where the files are, which workspace, one HTTP dispatcher, an output.
import type { Agent } from 'undici';
import { agentPaths, type AgentPaths } from './paths.ts';
import { readConfig } from './store.ts';
import { createDispatcher } from './client/loopback.ts';

export interface AgentContext {
  paths: AgentPaths;
  workspaceUrl: string | null;
  dispatcher: Agent;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export function createContext(opts: { workspace?: string; env?: NodeJS.ProcessEnv } = {}): AgentContext {
  const env = opts.env ?? process.env;
  const paths = agentPaths();
  const workspaceUrl = opts.workspace ?? env.ONTRACKIO_WORKSPACE_URL ?? readConfig(paths)?.workspaceUrl ?? null;
  return {
    paths,
    workspaceUrl: workspaceUrl ? workspaceUrl.replace(/\/+$/, '') : null,
    dispatcher: createDispatcher(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env
  };
}

export class UsageError extends Error {}

export function requireWorkspace(ctx: AgentContext): string {
  if (!ctx.workspaceUrl) {
    throw new UsageError('No workspace configured. Run: ontrackio-agent configure --workspace https://<your-workspace>.app.ontrackio.com');
  }
  return ctx.workspaceUrl;
}
