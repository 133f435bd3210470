// `report --now`: for IT; collect and send an inventory report immediately.
import type { AgentContext } from '../context.ts';
import { UsageError } from '../context.ts';
import { readCredential } from '../store.ts';
import { reportNow } from '../reporting.ts';

export async function report(ctx: AgentContext): Promise<number> {
  const credential = readCredential(ctx.paths);
  if (!credential) throw new UsageError('This computer is not paired. Run "ontrackio-agent pair" first.');
  const result = await reportNow(ctx, credential);
  if (result.pending > 0) {
    ctx.out(
      `Collected ${result.collected} applications; the portal is not reachable, so the report is queued and will be sent by "ontrackio-agent run".`
    );
    return 2;
  }
  ctx.out(`Report sent: ${result.collected} applications.`);
  return 0;
}
