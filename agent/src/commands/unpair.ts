// `unpair`: forgets the credential on this computer. The pairing on the portal stays until IT revokes
// it (an employee cannot un-enrol a managed device from the agent side).
import type { AgentContext } from '../context.ts';
import { deleteCredential, readCredential, readState, writeState } from '../store.ts';

export function unpair(ctx: AgentContext): number {
  const had = readCredential(ctx.paths);
  deleteCredential(ctx.paths);
  writeState(ctx.paths, { ...readState(ctx.paths), unpairedReason: null, nextReportAt: null });
  ctx.out(
    had
      ? `This computer no longer reports for ${had.user.name}. Ask IT to revoke the pairing on the portal too.`
      : 'This computer was not paired.'
  );
  return 0;
}
