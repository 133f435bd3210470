// What every My-portal page's frame needs, in one statement (it joins the page's reads in one D1
// call): the header bell's unread figure and whether "My loans" belongs in the sidebar (only while
// the user has something on loan).
import type { TenantDb } from '../db';
import { runFixedBatch } from '../db/fixed-query';
import { frameFigures } from './user-counts';

export async function getPortalChromeForUser(
  db: TenantDb,
  userId: string
): Promise<{ unreadCount: number; hasActiveLoans: boolean }> {
  const [[figures]] = await runFixedBatch(db, [frameFigures.with({ userId })]);
  return { unreadCount: figures?.unread ?? 0, hasActiveLoans: (figures?.activeLoans ?? 0) > 0 };
}
