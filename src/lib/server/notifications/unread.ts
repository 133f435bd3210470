import { and, count, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { notifications } from '../db/tenant-schema';

/** The header bell's figure: unread notifications of one user. */
export async function countUnreadNotificationsForUser(db: TenantDb, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
