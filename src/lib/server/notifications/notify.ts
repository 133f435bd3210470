// Writing notifications. Each helper returns a statement for db.batch, so a notification is written
// together with the change it announces (or not at all).
import { sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { notifications } from '../db/tenant-schema';

export interface NotificationDraft {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** Which preference toggle (My profile → Notification preferences) governs a notification. */
export type PreferenceTopic = 'request' | 'renewal' | null;

export const newId = sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/** One notification row for every active administrator of the workspace (e.g. a new problem report). */
export function notifyAdminsStatement(db: TenantDb, n: NotificationDraft, now = Date.now()) {
  // insert … select (raw SELECT): drizzle lists every column in table order, so the SELECT matches
  // notifications' order: id, user_id, kind, title, body, link, read_at, created_at.
  return db.insert(notifications).select(sql`
    SELECT ${newId}, id, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.link ?? null}, NULL, ${now}
    FROM users WHERE role = 'admin' AND status = 'active'`);
}

/**
 * One notification for one user, honouring their preferences in the same statement: a request update
 * is skipped when "Request alerts" is off, a renewal reminder when "Renewal alerts" is off. A user
 * without a preferences row gets everything (the defaults are on).
 */
export function notifyUserStatement(
  db: TenantDb,
  userId: string,
  topic: PreferenceTopic,
  n: NotificationDraft,
  now = Date.now(),
  /** Write only if the statement just before it in the batch changed exactly one row (a won race). */
  onlyIfChanged = false
) {
  const optedOut =
    topic === 'request'
      ? sql`EXISTS (SELECT 1 FROM notification_preferences WHERE user_id = ${userId} AND request_alerts = 0)`
      : topic === 'renewal'
        ? sql`EXISTS (SELECT 1 FROM notification_preferences WHERE user_id = ${userId} AND renewal_alerts = 0)`
        : sql`0`;
  return db.insert(notifications).select(sql`
    SELECT ${newId}, ${userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.link ?? null}, NULL, ${now}
    WHERE NOT (${optedOut})${onlyIfChanged ? sql` AND changes() = 1` : sql``}`);
}
