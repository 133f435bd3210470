// Renewal reminders (issue 6, item 10), run daily by the Worker's scheduled() handler for each active
// workspace. A licence renewing within RENEWAL_WARNING_DAYS (30) is announced to its seat holders and
// to the workspace's administrators once per threshold: 30, 7 and 1 days before the renewal date.
// The threshold of a licence is the smallest one not below the days left (25 days left → 30; 5 → 7;
// 1 or 0 → 1); a missed day never sends the larger thresholds late.
//
// Idempotence lives in the database: licence_reminders_sent has the key (licence_id, renewal_date,
// threshold). Each licence's reminder is one batch:
//   1. INSERT OR IGNORE the key with this run's id (a repeat run inserts nothing);
//   2. the audit row, only if 1 inserted (changes() = 1);
//   3. the notifications, only WHERE EXISTS the key with THIS run's id, so two overlapping runs
//      notify once. Recipients: active holders and active admins, each once, and only if their
//      "Renewal alerts" preference is on (a user without a preferences row has it on).
// A changed renewal date is a new key, so its thresholds are armed again.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { licenceRemindersSent, licences, notifications, softwareProducts } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { newId } from '../notifications/notify';
import { addDays, isoDate } from '../dates';
import { RENEWAL_WARNING_DAYS } from '../dashboard/my-dashboard';
import { formatIsoDay } from '../../format';

/** Days before the renewal date at which a reminder goes out, largest first. */
export const RENEWAL_THRESHOLDS = [30, 7, 1] as const;

const DAY_MS = 86_400_000;

export function daysUntil(renewalDate: string, today: string): number {
  return Math.round((Date.parse(`${renewalDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The threshold a licence with `daysLeft` days to go is in, or null outside the reminder window. */
export function thresholdFor(daysLeft: number): number | null {
  if (daysLeft < 0 || daysLeft > RENEWAL_WARNING_DAYS) return null;
  let hit: number | null = null;
  for (const t of RENEWAL_THRESHOLDS) if (daysLeft <= t) hit = t;
  return hit;
}

function whenText(daysLeft: number): string {
  return daysLeft === 0 ? 'today' : daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
}

export interface ReminderRunSummary {
  /** Licences inside the 30-day window. */
  due: number;
  /** Licences whose reminder this run sent (0 on a repeat run the same day). */
  sent: number;
  notifications: number;
}

export async function sendRenewalRemindersForWorkspace(
  db: TenantDb,
  now = Date.now()
): Promise<ReminderRunSummary> {
  const today = isoDate(now);
  const due = await db
    .select({
      id: licences.id,
      application: softwareProducts.name,
      edition: licences.edition,
      seats: licences.seats,
      renewalDate: licences.renewalDate
    })
    .from(licences)
    .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
    .where(
      and(gte(licences.renewalDate, today), lte(licences.renewalDate, addDays(today, RENEWAL_WARNING_DAYS)))
    )
    .orderBy(asc(licences.renewalDate), asc(licences.id));

  const summary: ReminderRunSummary = { due: due.length, sent: 0, notifications: 0 };
  const runId = crypto.randomUUID();
  for (const l of due) {
    const renewalDate = l.renewalDate!;
    const daysLeft = daysUntil(renewalDate, today);
    const threshold = thresholdFor(daysLeft);
    if (threshold === null) continue;
    const title = `${l.application} ${l.edition} renews ${whenText(daysLeft)}`;
    const body = `Renewal date: ${formatIsoDay(renewalDate)} (${l.seats} ${l.seats === 1 ? 'seat' : 'seats'}).`;
    const adminLink = `/admin/software/licences/${l.id}`;
    const [claimed, , written] = await db.batch([
      db
        .insert(licenceRemindersSent)
        .values({ licenceId: l.id, renewalDate, threshold, runId, sentAt: now })
        .onConflictDoNothing()
        .returning({ runId: licenceRemindersSent.runId }),
      auditStatementIfChanged(db, {
        actorId: null,
        action: 'licence.renewal_reminder_sent',
        entityType: 'licence',
        entityId: l.id,
        after: { renewalDate, threshold, daysLeft }
      }),
      // Column order of notifications: id, user_id, kind, title, body, link, read_at, created_at.
      db
        .insert(notifications)
        .select(
          sql`
        SELECT ${newId}, u.id, 'renewal_reminder', ${title}, ${body},
               CASE WHEN u.role = 'admin' THEN ${adminLink} ELSE '/my/software' END, NULL, ${now}
        FROM users u
        WHERE u.status = 'active'
          AND (u.role = 'admin' OR u.id IN (SELECT user_id FROM licence_assignments WHERE licence_id = ${l.id}))
          AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = u.id AND p.renewal_alerts = 0)
          AND EXISTS (SELECT 1 FROM licence_reminders_sent r
                      WHERE r.licence_id = ${l.id} AND r.renewal_date = ${renewalDate} AND r.threshold = ${threshold} AND r.run_id = ${runId})`
        )
        .returning({ id: notifications.id })
    ]);
    if (claimed.length === 1) summary.sent += 1;
    summary.notifications += written.length;
  }
  return summary;
}
