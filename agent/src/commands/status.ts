// `status`: workspace, paired user, device, last report, next report.
import type { AgentContext } from '../context.ts';
import { readCredential, readState, queuedReports } from '../store.ts';
import { DeviceRevokedError, apiFor, markRevoked } from '../reporting.ts';
import { AgentApiError } from '../client/api.ts';
import { hostname } from 'node:os';

const when = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : 'never');

export async function status(ctx: AgentContext): Promise<number> {
  const credential = readCredential(ctx.paths);
  const state = readState(ctx.paths);
  ctx.out(`Workspace:    ${credential?.workspaceUrl ?? ctx.workspaceUrl ?? 'not configured'}`);
  if (!credential) {
    ctx.out(
      `Paired user:  not paired${state.unpairedReason === 'revoked' ? ' (the pairing was revoked by IT)' : ''}`
    );
    ctx.out(`Device:       ${hostname()}`);
    // Revoked (remembered from an earlier 401): cli.ts ends with the one sentence and exit 3.
    if (state.unpairedReason === 'revoked') throw new DeviceRevokedError();
    ctx.out('Run "ontrackio-agent pair" to pair this computer with your account.');
    return 1;
  }
  let live = null;
  try {
    live = await apiFor(ctx, credential).device();
  } catch (err) {
    // Revoked: cli.ts ends every command the same way (one sentence, exit 3).
    if (err instanceof AgentApiError && err.unauthorized) throw markRevoked(ctx);
    ctx.err(`(portal not reachable: showing what this computer remembers)`);
  }
  const user = live?.user ?? credential.user;
  ctx.out(`Paired user:  ${user.name} <${user.email}>`);
  ctx.out(`Device:       ${hostname()} (${credential.deviceId})`);
  ctx.out(`Last report:  ${when(live?.lastReportAt ?? state.lastReportAt)}`);
  ctx.out(
    `Next report:  ${state.nextReportAt ? when(state.nextReportAt) : 'tonight, once "ontrackio-agent run" is running'}`
  );
  const pending = queuedReports(ctx.paths).length;
  if (pending) ctx.out(`Queued:       ${pending} report(s) waiting to be sent`);
  return 0;
}
