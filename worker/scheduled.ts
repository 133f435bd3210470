// The daily Cron Trigger (wrangler.toml [triggers] crons): renewal reminders for every active
// workspace. Each workspace runs on its own; one that fails (a missing binding, a D1 error) is
// logged and the others still run. Suspended workspaces are skipped (listActiveWorkspaces).
import { listActiveWorkspaces } from '../src/lib/server/tenancy/active-workspaces';
import {
  sendRenewalRemindersForWorkspace,
  type ReminderRunSummary
} from '../src/lib/server/software/renewal-reminders';

import { runSyncJobs } from './scheduled-sync';
import { emitDailyWebhookEvents } from '../src/lib/server/webhooks/daily-events';
import { pruneWebhookLog } from '../src/lib/server/webhooks/log-actions';
import { kickOutbox } from '../src/lib/server/outbox';

/** The Cron Triggers of wrangler.toml [triggers] crons, by their cron string. */
export const CRON_DAILY = '0 6 * * *';
export const CRON_SYNC = '*/2 * * * *';

/** scheduled(): one job per cron string; an unknown string is logged and does nothing. */
export async function runScheduled(env: Env, cron: string, scheduledTime: number): Promise<unknown> {
  if (cron === CRON_DAILY) return runDailyJobs(env, scheduledTime);
  if (cron === CRON_SYNC) return runSyncJobs(env, scheduledTime);
  console.error(JSON.stringify({ event: 'cron.unknown', cron }));
  return null;
}

export interface DailyJobsResult {
  workspaces: Record<string, ReminderRunSummary>;
  failed: string[];
}

export async function runDailyJobs(env: Env, scheduledTime: number): Promise<DailyJobsResult> {
  const result: DailyJobsResult = { workspaces: {}, failed: [] };
  for (const ws of await listActiveWorkspaces(env)) {
    try {
      if (!ws.db) throw new Error('the registry names a D1 binding this deploy does not have');
      const summary = await sendRenewalRemindersForWorkspace(ws.db, scheduledTime);
      result.workspaces[ws.slug] = summary;
      // Webhook events found by date (loan overdue, device not seen, licence renewing), then the
      // 30-day pruning of the webhook delivery log.
      const webhooks = await emitDailyWebhookEvents(ws.db, scheduledTime);
      await pruneWebhookLog(ws.db, scheduledTime);
      if (webhooks.candidates > 0) await kickOutbox(env, ws.slug);
      console.log(JSON.stringify({ event: 'cron.renewal_reminders', slug: ws.slug, ...summary }));
    } catch (e) {
      result.failed.push(ws.slug);
      console.error(
        JSON.stringify({
          event: 'cron.renewal_reminders_failed',
          slug: ws.slug,
          error: e instanceof Error ? e.message : String(e)
        })
      );
    }
  }
  return result;
}
