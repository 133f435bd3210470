// Where the agent keeps its files. ONTRACKIO_AGENT_HOME overrides (tests, several agents on one machine).
//   Linux:   $XDG_CONFIG_HOME/ontrackio-agent (root: /var/lib/ontrackio-agent)
//   macOS:   ~/Library/Application Support/OnTrackio Agent
//   Windows: %ProgramData%\OnTrackio\Agent
import { homedir } from 'node:os';
import { join } from 'node:path';

export function agentHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.ONTRACKIO_AGENT_HOME) return env.ONTRACKIO_AGENT_HOME;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'OnTrackio', 'Agent');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'OnTrackio Agent');
  if (process.getuid?.() === 0) return '/var/lib/ontrackio-agent';
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ontrackio-agent');
}

export interface AgentPaths {
  home: string;
  config: string;
  credential: string;
  state: string;
  queue: string;
}

export function agentPaths(home = agentHome()): AgentPaths {
  return {
    home,
    config: join(home, 'config.json'),
    credential: join(home, 'credential.json'),
    state: join(home, 'state.json'),
    queue: join(home, 'queue')
  };
}
