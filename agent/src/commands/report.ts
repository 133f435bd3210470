// `report --now`: for IT; collect and send an inventory report immediately.
import type { AgentContext } from '../context.ts';
import { reportNow, requireCredential } from '../reporting.ts';

export async function report(ctx: AgentContext): Promise<number> {
  // A 401 while sending throws DeviceRevokedError (reporting.ts), which cli.ts turns into exit 3.
  const credential = requireCredential(ctx);
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
