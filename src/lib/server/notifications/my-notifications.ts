// The Notifications inbox (seed 000): one user's own notifications, newest first. Every query has
// `user_id = :userId` in its WHERE clause; marking another user's notification matches no row.
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { notifications } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import type { Paged } from '../../contracts/my';
import { pageOf, pageWindow } from '../paging';
import { fixedQuery, runFixedBatch } from '../db/fixed-query';
import { unreadNotificationCount } from '../portal/user-counts';

export interface MyNotification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  read: boolean;
  createdAt: number;
}

// The list, its total and the unread figure (portal/user-counts.ts), their SQL built once per
// isolate (db/fixed-query.ts).
const notificationPageOfUser = fixedQuery(['userId', 'limit', 'offset'], (db, p) =>
  db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt
    })
    .from(notifications)
    .where(eq(notifications.userId, p.userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(p.limit)
    .offset(p.offset)
);
const notificationCountOfUser = fixedQuery(['userId'], (db, p) =>
  db.select({ n: count() }).from(notifications).where(eq(notifications.userId, p.userId))
);

export async function listNotificationsForUser(
  db: TenantDb,
  userId: string,
  page = 1
): Promise<Paged<MyNotification> & { unread: number }> {
  const [rows, total, unread] = await runFixedBatch(db, [
    notificationPageOfUser.with({ userId, ...pageWindow(page) }),
    notificationCountOfUser.with({ userId }),
    unreadNotificationCount.with({ userId })
  ]);
  const items = rows.map(({ readAt, ...r }) => ({ ...r, link: safeLink(r.link), read: readAt !== null }));
  return { ...pageOf(items, page, total[0]?.n ?? 0), unread: unread[0]?.n ?? 0 };
}

/** Only same-site paths are rendered as links (a notification's link is data, not trusted markup). */
function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}

/** Marks one of the user's own notifications read. False when there is no such notification *of theirs*. */
export async function markNotificationReadForUser(
  db: TenantDb,
  userId: string,
  notificationId: string,
  now = Date.now()
): Promise<boolean> {
  const own = await db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .get();
  if (!own) return false;
  if (own.readAt !== null) return true; // already read: nothing changes, nothing to audit
  await db.batch([
    db
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.id, notificationId),
          eq(notifications.userId, userId),
          isNull(notifications.readAt)
        )
      ),
    auditStatement(db, {
      actorId: userId,
      action: 'notification.read',
      entityType: 'notification',
      entityId: notificationId
    })
  ]);
  return true;
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsReadForUser(
  db: TenantDb,
  userId: string,
  now = Date.now()
): Promise<number> {
  const [updated] = await db.batch([
    db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
    auditStatement(db, {
      actorId: userId,
      action: 'notification.read_all',
      entityType: 'user',
      entityId: userId
    })
  ]);
  return updated.length;
}
