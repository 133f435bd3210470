// `run`: the daemon. Heartbeat every few minutes (Last seen), inventory once a day at night with jitter
// (the first one the first night), reports queued on disk while offline and retried with backoff.
// Stops when the portal answers 401 (IT revoked the pairing).
import type { AgentContext } from '../context.ts';
import { readState, writeState, enqueueReport } from '../store.ts';
import {
  DeviceRevokedError,
  apiFor,
  flushQueue,
  markRevoked,
  nextNightlySlot,
  requireCredential
} from '../reporting.ts';
import { AgentApiError } from '../client/api.ts';

const MINUTE = 60_000;

export interface RunOptions {
  heartbeatMs: number;
  /** Test hook: stop after this many loop turns. */
  maxTurns?: number;
}

export async function run(ctx: AgentContext, opts: RunOptions): Promise<number> {
  const credential = requireCredential(ctx);
  const api = apiFor(ctx, credential);
  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  let failures = 0;
  let turns = 0;
  ctx.out(
    `OnTrackio Agent running for ${credential.user.name} <${credential.user.email}> at ${credential.workspaceUrl}`
  );
  while (!stopping) {
    const state = readState(ctx.paths);
    const now = Date.now();
    if (!state.nextReportAt) writeState(ctx.paths, { ...state, nextReportAt: nextNightlySlot(now) });
    try {
      await api.heartbeat();
      writeState(ctx.paths, { ...readState(ctx.paths), lastHeartbeatAt: Date.now() });
      const due = readState(ctx.paths).nextReportAt!;
      if (Date.now() >= due) {
        const { collectReport } = await import('../collectors/index.ts');
        const report = await collectReport();
        enqueueReport(ctx.paths, report);
        writeState(ctx.paths, {
          ...readState(ctx.paths),
          nextReportAt: nextNightlySlot(Date.now() + 60 * MINUTE)
        });
        ctx.out(`Collected inventory: ${report.software.length} applications.`);
      }
      const flushed = await flushQueue(ctx, api);
      if (flushed.sent) ctx.out(`Sent ${flushed.sent} report(s).`);
      failures = flushed.pending > 0 ? failures + 1 : 0;
    } catch (err) {
      // Revoked: cli.ts ends every command the same way (one sentence, exit 3).
      if (err instanceof AgentApiError && err.unauthorized) throw markRevoked(ctx);
      if (err instanceof DeviceRevokedError) throw err;
      failures += 1;
      ctx.err(`Portal not reachable (${(err as Error).message}); retrying.`);
    }
    turns += 1;
    if (opts.maxTurns && turns >= opts.maxTurns) break;
    // Backoff after failures: 30 s, 1 min, 2 min ... capped at the heartbeat interval.
    const backoff = failures ? Math.min(opts.heartbeatMs, 30_000 * 2 ** (failures - 1)) : opts.heartbeatMs;
    const untilReport = Math.max(1_000, (readState(ctx.paths).nextReportAt ?? Infinity) - Date.now());
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.min(backoff, untilReport));
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
  ctx.out('Stopped.');
  return 0;
}
