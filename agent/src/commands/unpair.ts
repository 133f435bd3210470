// `unpair`: forgets the credential on this computer. The pairing on the portal stays until IT revokes
// it (an employee cannot un-enrol a managed device from the agent side). When IT already revoked it,
// unpair ends like every other command that finds that out (one sentence, exit 3).
import type { AgentContext } from '../context.ts';
import { deleteCredential, readCredential, readState, writeState } from '../store.ts';
import { DeviceRevokedError, checkPairing } from '../reporting.ts';

export async function unpair(ctx: AgentContext): Promise<number> {
  const had = readCredential(ctx.paths);
  const wasRevoked = readState(ctx.paths).unpairedReason === 'revoked';
  // Ask the portal briefly; offline, unpairing still just forgets the credential.
  const revokedNow = had ? (await checkPairing(ctx, had, 5_000)) === 'revoked' : false;
  deleteCredential(ctx.paths);
  writeState(ctx.paths, { ...readState(ctx.paths), unpairedReason: null, nextReportAt: null });
  if (revokedNow || (!had && wasRevoked)) throw new DeviceRevokedError();
  ctx.out(
    had
      ? `This computer no longer reports for ${had.user.name}. Ask IT to revoke the pairing on the portal too.`
      : 'This computer was not paired.'
  );
  return 0;
}
