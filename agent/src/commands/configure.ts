// `configure --workspace URL`: done once at install (IT's device management runs it).
import type { AgentContext } from '../context.ts';
import { UsageError } from '../context.ts';
import { writeConfig } from '../store.ts';

export function configure(ctx: AgentContext, workspace: string | undefined): void {
  let url: URL;
  try {
    url = new URL(workspace ?? '');
  } catch {
    throw new UsageError(
      'Give the workspace address, for example: ontrackio-agent configure --workspace https://acme.app.ontrackio.com'
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && /(^|\.)localhost$/.test(url.hostname))) {
    throw new UsageError(
      'The workspace address must use https:// (plain http is allowed only for *.localhost).'
    );
  }
  writeConfig(ctx.paths, { workspaceUrl: url.origin });
  ctx.out(`Workspace set to ${url.origin}`);
}
