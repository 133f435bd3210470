import * as z from 'zod';

// Admin › Settings › Help desk and the inbound webhook: inputs validated once at the boundary.

/** A help-desk status name as the admin types it (RT: lower-case words like "open", "stalled"). */
const statusName = z
  .string()
  .trim()
  .max(64)
  .refine((v) => /^[\p{L}\p{N} _.-]+$/u.test(v), 'Use letters, digits, spaces, dots, dashes or underscores');

/** "resolved, closed" → ["resolved", "closed"] (empty entries dropped, duplicates removed). */
const statusList = z
  .string()
  .max(1000)
  .transform((v) => [
    ...new Set(
      v
        .split(/[,\n]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    )
  ])
  .pipe(z.array(statusName).max(30));

export const REQUEST_STATUS_KEYS = ['pending', 'approved', 'rejected', 'fulfilled', 'cancelled'] as const;
export const MAINTENANCE_STATUS_KEYS = ['open', 'in_progress', 'resolved', 'closed'] as const;

export const statusMapSchema = z.object({
  request: z.object({
    pending: statusName.min(1, 'Enter a status'),
    approved: statusName.min(1, 'Enter a status'),
    rejected: statusName.min(1, 'Enter a status'),
    fulfilled: statusName.min(1, 'Enter a status'),
    cancelled: statusName.min(1, 'Enter a status')
  }),
  maintenance: z.object({
    open: statusName.min(1, 'Enter a status'),
    in_progress: statusName.min(1, 'Enter a status'),
    resolved: statusName.min(1, 'Enter a status'),
    closed: statusName.min(1, 'Enter a status')
  }),
  /** Help-desk statuses that fulfil an approved request. */
  fulfils: statusList.refine((l) => l.length > 0, 'Name at least one status, for example resolved'),
  /** Help-desk working statuses: shown to admins, they change nothing in OnTrackio. */
  working: statusList
});
export type StatusMap = z.infer<typeof statusMapSchema>;

export const HELPDESK_PROVIDER_IDS = ['rt5'] as const;

export const helpdeskConnectionSchema = z.object({
  provider: z.enum(HELPDESK_PROVIDER_IDS, { message: 'Choose a help desk' }),
  baseUrl: z
    .string()
    .trim()
    .max(300)
    .refine(
      (v) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(v),
      'Enter the help desk’s address, for example https://rt.example.com'
    )
    .transform((v) => v.replace(/\/+$/, '')),
  // Empty means "keep the saved token" when one is saved (it is never shown again).
  apiToken: z.string().trim().max(500),
  queue: z.string().trim().min(1, 'Enter the queue’s name').max(200),
  referenceField: z.string().trim().min(1, 'Enter the custom field’s name').max(200),
  statusMap: statusMapSchema
});
export type HelpdeskConnectionInput = z.infer<typeof helpdeskConnectionSchema>;

/** What the help desk's webhook sends (signed; helpdesk/webhook.ts). Only a nudge: nothing in it is trusted beyond the event id. */
export const helpdeskWebhookSchema = z.object({
  event_id: z.string().min(8).max(200),
  ticket_id: z.union([z.string(), z.number()]).optional(),
  transaction_id: z.union([z.string(), z.number()]).optional(),
  type: z.string().max(100).optional()
});
export type HelpdeskWebhookInput = z.infer<typeof helpdeskWebhookSchema>;
