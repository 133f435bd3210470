// Events nobody's click causes, found by the daily job (worker/scheduled.ts): a loan past its due
// date, a paired device not seen for a week, a licence renewing within 30, 7 or 1 days (the renewal
// reminders' thresholds). Each fires once per subject (webhook_event_once: the key is claimed in the
// same batch as the outbox rows), so a repeated or overlapping run announces nothing twice. Nothing is
// read when no enabled endpoint subscribes to these events.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { agentDevices, licences, loanPoolItems, loans, softwareProducts, users } from '../db/tenant-schema';
import { isoDate, addDays } from '../dates';
import { daysUntil, thresholdFor } from '../software/renewal-reminders';
import { NOT_SEEN_AFTER_MS } from '../devices/admin-devices';
import { RENEWAL_WARNING_DAYS } from '../dashboard/my-dashboard';
import type { WebhookEventType } from '../../contracts/webhook-events';
import { webhookEventOnceStatements } from './events';

const DAILY_TYPES: WebhookEventType[] = ['loan.overdue', 'device.not_seen', 'licence.renewing'];
const CHUNK = 40;

async function subscribed(db: TenantDb): Promise<Set<string>> {
  const rows = await db.all<{ type: string }>(sql`
    SELECT DISTINCT json_each.value AS type FROM webhook_endpoints e, json_each(e.event_types)
    WHERE e.status = 'enabled'`);
  return new Set(rows.map((r) => r.type).filter((t) => (DAILY_TYPES as string[]).includes(t)));
}

type Pair = ReturnType<typeof webhookEventOnceStatements>;

export async function emitDailyWebhookEvents(db: TenantDb, now: number): Promise<{ candidates: number }> {
  const types = await subscribed(db);
  if (types.size === 0) return { candidates: 0 };
  const today = isoDate(now);
  const pairs: Pair[] = [];

  if (types.has('loan.overdue')) {
    const overdue = await db
      .select({
        id: loans.id,
        dueDate: loans.dueDate,
        itemId: loans.itemId,
        item: loanPoolItems.name,
        userId: loans.userId,
        name: users.name,
        email: users.email
      })
      .from(loans)
      .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
      .innerJoin(users, eq(users.id, loans.userId))
      .where(and(isNull(loans.returnedAt), lt(loans.dueDate, today)));
    for (const l of overdue)
      pairs.push(
        webhookEventOnceStatements(
          db,
          `loan.overdue:${l.id}:${l.dueDate}`,
          'loan.overdue',
          {
            loan: { id: l.id, dueDate: l.dueDate },
            item: { id: l.itemId, name: l.item },
            person: { id: l.userId, name: l.name, email: l.email }
          },
          now
        )
      );
  }

  if (types.has('device.not_seen')) {
    const lastSeen = sql<number>`coalesce(${agentDevices.lastSeenAt}, ${agentDevices.enrolledAt})`;
    const stale = await db
      .select({ id: agentDevices.id, hostname: agentDevices.hostname, userId: agentDevices.userId, lastSeen })
      .from(agentDevices)
      .where(and(eq(agentDevices.status, 'active'), lt(lastSeen, now - NOT_SEEN_AFTER_MS)));
    for (const d of stale)
      pairs.push(
        webhookEventOnceStatements(
          db,
          `device.not_seen:${d.id}:${d.lastSeen}`,
          'device.not_seen',
          {
            device: { id: d.id, hostname: d.hostname, lastSeenAt: new Date(d.lastSeen).toISOString() },
            person: { id: d.userId }
          },
          now
        )
      );
  }

  if (types.has('licence.renewing')) {
    const renewing = await db
      .select({
        id: licences.id,
        product: softwareProducts.name,
        vendor: softwareProducts.vendor,
        edition: licences.edition,
        seats: licences.seats,
        renewalDate: licences.renewalDate
      })
      .from(licences)
      .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
      .where(sql`${licences.renewalDate} BETWEEN ${today} AND ${addDays(today, RENEWAL_WARNING_DAYS)}`);
    for (const l of renewing) {
      if (!l.renewalDate) continue;
      const daysLeft = daysUntil(l.renewalDate, today);
      const threshold = thresholdFor(daysLeft);
      if (threshold === null) continue;
      pairs.push(
        webhookEventOnceStatements(
          db,
          `licence.renewing:${l.id}:${l.renewalDate}:${threshold}`,
          'licence.renewing',
          {
            licence: {
              id: l.id,
              product: l.product,
              vendor: l.vendor,
              edition: l.edition,
              seats: l.seats,
              renewalDate: l.renewalDate
            },
            daysLeft,
            threshold
          },
          now
        )
      );
    }
  }

  for (let i = 0; i < pairs.length; i += CHUNK) {
    const stmts = pairs.slice(i, i + CHUNK).flat();
    await db.batch(stmts as unknown as [Pair[0], ...Pair[number][]]);
  }
  return { candidates: pairs.length };
}
