import * as z from 'zod';

export const attentionItemSchema = z.object({
  kind: z.enum(['licence_renewal', 'loan_due', 'acknowledge_hardware']),
  title: z.string(),
  detail: z.string(),
  /** ISO date (YYYY-MM-DD) the item is about, when it has one. */
  date: z.string().nullable(),
  overdue: z.boolean(),
  href: z.string()
});
export type AttentionItem = z.infer<typeof attentionItemSchema>;

export const myDashboardSchema = z.object({
  hardwareCount: z.number().int(),
  licenceCount: z.number().int(),
  pendingRequestCount: z.number().int(),
  activeLoanCount: z.number().int(),
  unreadNotificationCount: z.number().int(),
  attention: z.array(attentionItemSchema)
});
export type MyDashboard = z.infer<typeof myDashboardSchema>;

export const adminOverviewSchema = z.object({
  activeUserCount: z.number().int(),
  assetCount: z.number().int(),
  assignedAssetCount: z.number().int(),
  openRequestCount: z.number().int(),
  pendingRequestCount: z.number().int(),
  openMaintenanceCount: z.number().int(),
  overdueLoanCount: z.number().int(),
  renewalsDueCount: z.number().int(),
  /** Active agent pairings not seen for a week (devices/admin-devices.ts notSeenForAWeek). */
  staleDeviceCount: z.number().int()
});
export type AdminOverview = z.infer<typeof adminOverviewSchema>;
