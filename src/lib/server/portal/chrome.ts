// What every My-portal page's frame needs, in one D1 round trip: the header bell's unread figure and
// whether "My loans" belongs in the sidebar (only while the user has something on loan).
import { and, count, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { loans, notifications } from '../db/tenant-schema';

export async function getPortalChromeForUser(
  db: TenantDb,
  userId: string
): Promise<{ unreadCount: number; hasActiveLoans: boolean }> {
  const [unread, active] = await db.batch([
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
    db
      .select({ n: count() })
      .from(loans)
      .where(and(eq(loans.userId, userId), isNull(loans.returnedAt)))
  ]);
  return { unreadCount: unread[0]?.n ?? 0, hasActiveLoans: (active[0]?.n ?? 0) > 0 };
}
