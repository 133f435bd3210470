// Sending reports: every report is queued on disk first, then the queue is flushed oldest first.
// A report the portal has accepted (or recognises as a replay) leaves the queue; a network failure
// or 5xx keeps it for the next try; 401 means IT revoked the pairing: the agent stops.
import type { AgentContext } from './context.ts';
import { UsageError } from './context.ts';
import { AgentApi, AgentApiError } from './client/api.ts';
import {
  deleteCredential,
  readCredential,
  dropQueued,
  enqueueReport,
  queuedReports,
  readState,
  writeState,
  type StoredCredential
} from './store.ts';

/** Exit code of every command that finds the pairing revoked (docs/agent.md). */
export const EXIT_REVOKED = 3;

/**
 * IT revoked this computer's pairing (the portal answered 401, now or earlier). Every command ends
 * with this one sentence and EXIT_REVOKED (cli.ts), whichever command found it out.
 */
export class DeviceRevokedError extends Error {
  constructor() {
    super(
      'This computer is no longer paired (IT revoked the pairing), so it has stopped reporting; run "ontrackio-agent pair" to pair it again.'
    );
  }
}

export function apiFor(ctx: AgentContext, credential: StoredCredential): AgentApi {
  return new AgentApi({ workspaceUrl: credential.workspaceUrl, credential: credential.credential });
}

/** The stored credential; a revoked pairing (remembered from an earlier 401) ends the command. */
export function requireCredential(ctx: AgentContext): StoredCredential {
  const credential = readCredential(ctx.paths);
  if (credential) return credential;
  if (readState(ctx.paths).unpairedReason === 'revoked') throw new DeviceRevokedError();
  throw new UsageError('This computer is not paired. Run "ontrackio-agent pair" first.');
}

/**
 * Asks the portal whether the stored credential still works: 'revoked' (401: forgotten, remembered as
 * revoked), 'paired', or 'unknown' when the portal cannot be reached.
 */
export async function checkPairing(
  ctx: AgentContext,
  credential: StoredCredential,
  timeoutMs = 10_000
): Promise<'paired' | 'revoked' | 'unknown'> {
  try {
    await new AgentApi({
      workspaceUrl: credential.workspaceUrl,
      credential: credential.credential,
      timeoutMs
    }).device();
    return 'paired';
  } catch (err) {
    if (err instanceof AgentApiError && err.unauthorized) {
      markRevoked(ctx);
      return 'revoked';
    }
    return 'unknown';
  }
}

/** 401 from the portal: forget the credential, remember why. */
export function markRevoked(ctx: AgentContext): DeviceRevokedError {
  deleteCredential(ctx.paths);
  writeState(ctx.paths, { ...readState(ctx.paths), unpairedReason: 'revoked', nextReportAt: null });
  return new DeviceRevokedError();
}

export interface FlushResult {
  sent: number;
  pending: number;
  lastSoftwareCount: number | null;
}

export async function flushQueue(ctx: AgentContext, api: AgentApi): Promise<FlushResult> {
  let sent = 0;
  let lastSoftwareCount: number | null = null;
  const queue = queuedReports(ctx.paths);
  for (const [i, { file, report }] of queue.entries()) {
    try {
      const res = await api.sendReport(report);
      dropQueued(file);
      sent += 1;
      if (res.applied) lastSoftwareCount = res.softwareCount ?? null;
      const state = readState(ctx.paths);
      writeState(ctx.paths, {
        ...state,
        lastReportAt: Math.max(state.lastReportAt ?? 0, report.collectedAt),
        lastReportId: report.reportId
      });
    } catch (err) {
      if (err instanceof AgentApiError && err.unauthorized) throw markRevoked(ctx);
      if (err instanceof AgentApiError && (err.status === 400 || err.status === 409 || err.status === 413)) {
        ctx.err(`A queued report was refused (${err.status}: ${err.message}); dropping it.`);
        dropQueued(file);
        continue;
      }
      return { sent, pending: queue.length - i, lastSoftwareCount };
    }
  }
  return { sent, pending: 0, lastSoftwareCount };
}

/** Collects now, queues, and tries to send everything queued. */
export async function reportNow(
  ctx: AgentContext,
  credential: StoredCredential
): Promise<FlushResult & { collected: number }> {
  const { collectReport } = await import('./collectors/index.ts');
  const report = await collectReport();
  enqueueReport(ctx.paths, report);
  const result = await flushQueue(ctx, apiFor(ctx, credential));
  return { ...result, collected: report.software.length };
}

/**
 * The next nightly slot: between 02:00 and 05:00 local time, at a random minute (jitter spreads a
 * fleet's reports), today if that moment is still ahead, otherwise tomorrow.
 */
export function nextNightlySlot(now: number, random: () => number = Math.random): number {
  const slot = new Date(now);
  slot.setHours(2, 0, 0, 0);
  const jittered = slot.getTime() + Math.floor(random() * 3 * 60 * 60 * 1000);
  if (jittered > now) return jittered;
  const tomorrow = new Date(slot);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return tomorrow.getTime() + Math.floor(random() * 3 * 60 * 60 * 1000);
}
