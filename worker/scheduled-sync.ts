// The frequent Cron Trigger (every 2 minutes, wrangler.toml [triggers]): wakes every active workspace's
// outbox delivery loop, so that a change whose immediate wake-up was lost (an isolate that died after
// the response) still leaves within minutes; pulls the help desk's changes for every workspace that has
// one connected, so a lost webhook delays a reply but never loses it; prunes old rows. Each workspace
// runs on its own; one that fails is logged and the others still run.
import { listActiveWorkspaces } from '../src/lib/server/tenancy/active-workspaces';
import { kickOutbox, pruneOutbox } from '../src/lib/server/outbox';
import { loadConnectionRow } from '../src/lib/server/helpdesk/connection';
import { pruneHelpdeskRecords } from '../src/lib/server/helpdesk/webhook';

export interface SyncJobsResult {
  kicked: string[];
  pulled: string[];
  failed: string[];
}

export async function runSyncJobs(env: Env, scheduledTime: number): Promise<SyncJobsResult> {
  const result: SyncJobsResult = { kicked: [], pulled: [], failed: [] };
  for (const ws of await listActiveWorkspaces(env)) {
    try {
      if (!ws.db) throw new Error('the registry names a D1 binding this deploy does not have');
      await pruneOutbox(ws.db, scheduledTime);
      await kickOutbox(env, ws.slug);
      result.kicked.push(ws.slug);
      if ((await loadConnectionRow(ws.db))?.enabled) {
        await pruneHelpdeskRecords(ws.db, scheduledTime);
        await env.HELPDESK_SYNC.get(env.HELPDESK_SYNC.idFromName(ws.slug)).pull(ws.slug);
        result.pulled.push(ws.slug);
      }
    } catch (e) {
      result.failed.push(ws.slug);
      console.error(
        JSON.stringify({
          event: 'cron.sync_failed',
          slug: ws.slug,
          error: e instanceof Error ? e.message : String(e)
        })
      );
    }
  }
  return result;
}
