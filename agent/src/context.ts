// What every command needs: where the files are, which workspace, an output.
import { agentPaths, type AgentPaths } from './paths.ts';
import { readConfig } from './store.ts';

export interface AgentContext {
  paths: AgentPaths;
  workspaceUrl: string | null;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export function createContext(opts: { workspace?: string; env?: NodeJS.ProcessEnv } = {}): AgentContext {
  const env = opts.env ?? process.env;
  const paths = agentPaths();
  const workspaceUrl =
    opts.workspace ?? env.ONTRACKIO_WORKSPACE_URL ?? readConfig(paths)?.workspaceUrl ?? null;
  return {
    paths,
    workspaceUrl: workspaceUrl ? workspaceUrl.replace(/\/+$/, '') : null,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env
  };
}

export class UsageError extends Error {}

export function requireWorkspace(ctx: AgentContext): string {
  if (!ctx.workspaceUrl) {
    throw new UsageError(
      'No workspace configured. Run: ontrackio-agent configure --workspace https://<your-workspace>.app.ontrackio.com'
    );
  }
  return ctx.workspaceUrl;
}
