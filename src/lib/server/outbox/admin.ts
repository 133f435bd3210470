// What admins see of a channel's outbox (its failed changes, with a Retry) and the Retry itself.
// One database = one workspace, so "ForWorkspace" is the whole tenant DB; the caller has checked the
// actor may administer the channel (actorCan(actor, 'admin.console')).
import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { outbox } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import { auditActorOf, type Actor } from '../authz/actor';
import type { OutboxChannel } from './types';

export interface FailedChange {
  id: number;
  orderingKey: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  failedAt: number | null;
}

export interface OutboxSummary {
  pending: number;
  failed: FailedChange[];
  lastDeliveredAt: number | null;
}

/** Every failed change of the channel (newest first) and what is still waiting. */
export async function outboxSummaryForWorkspace(
  db: TenantDb,
  channel: OutboxChannel
): Promise<OutboxSummary> {
  const [failed, pending, last] = await db.batch([
    db
      .select({
        id: outbox.id,
        orderingKey: outbox.orderingKey,
        eventType: outbox.eventType,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        failedAt: outbox.finishedAt
      })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'failed')))
      .orderBy(desc(outbox.id))
      .limit(200),
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending'))),
    db
      .select({ at: max(outbox.finishedAt) })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'delivered')))
  ]);
  return { failed, pending: pending[0]?.n ?? 0, lastDeliveredAt: last[0]?.at ?? null };
}

/**
 * "Retry": a failed change goes back to pending with a fresh set of attempts, due now. The change's key
 * was blocked behind it, so its later changes follow in order once it is delivered. False when the
 * change is not (or no longer) failed.
 */
export async function retryOutboxChangeForWorkspace(
  db: TenantDb,
  actor: Actor,
  channel: OutboxChannel,
  changeId: number,
  now = Date.now()
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null })
      .where(and(eq(outbox.id, changeId), eq(outbox.channel, channel), eq(outbox.status, 'failed')))
      .returning({ id: outbox.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: `${channel}.delivery_retried`,
      entityType: 'outbox',
      entityId: String(changeId),
      before: { status: 'failed' },
      after: { status: 'pending' }
    })
  ]);
  return updated.length === 1;
}

/** Drops delivered and skipped rows older than `keepMs` (the scheduled job keeps the table small). */
export async function pruneOutbox(db: TenantDb, now: number, keepMs = 7 * 24 * 3600_000): Promise<void> {
  await db.run(
    sql`DELETE FROM outbox WHERE status IN ('delivered', 'skipped') AND finished_at < ${now - keepMs}`
  );
}
