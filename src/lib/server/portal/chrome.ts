// What every My-portal page's frame needs, in one D1 round trip: the header bell's unread figure and
// whether "My loans" belongs in the sidebar (only while the user has something on loan).
import type { TenantDb } from '../db';
import { runFixedBatch } from '../db/fixed-query';
import { activeLoanCount, unreadNotificationCount } from './user-counts';

export async function getPortalChromeForUser(
  db: TenantDb,
  userId: string
): Promise<{ unreadCount: number; hasActiveLoans: boolean }> {
  const [unread, active] = await runFixedBatch(db, [
    unreadNotificationCount.with({ userId }),
    activeLoanCount.with({ userId })
  ]);
  return { unreadCount: unread[0]?.n ?? 0, hasActiveLoans: (active[0]?.n ?? 0) > 0 };
}
