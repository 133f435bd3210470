// Admin › Maintenance: the records "Report a problem" opens. Shared by the pages and /api/v1/admin/maintenance.
import * as z from 'zod';
import { URGENCIES, pageQuerySchema } from './my';
import { searchTermSchema } from './search';

import { ACTIVE_MAINTENANCE_STATUSES, MAINTENANCE_STATUSES, type MaintenanceStatus } from './enums';
import { NOTE_MAX, RESOLUTION_MAX } from './labels/maintenance';

export { ACTIVE_MAINTENANCE_STATUSES, MAINTENANCE_STATUSES, type MaintenanceStatus };
// The pages import these from labels/maintenance.ts (zod-free); re-exported here for the server.
export { MAINTENANCE_STATUS_LABELS, NOTE_MAX, RESOLUTION_MAX } from './labels/maintenance';

/**
 * The allowed transitions, and the button that makes each one. Resolving needs a resolution;
 * reopening (resolved → in progress) clears it. Closed is final.
 */
export const MAINTENANCE_TRANSITIONS: Record<MaintenanceStatus, { to: MaintenanceStatus; label: string }[]> =
  {
    open: [
      { to: 'in_progress', label: 'Start work' },
      { to: 'resolved', label: 'Resolve' }
    ],
    in_progress: [
      { to: 'resolved', label: 'Resolve' },
      { to: 'open', label: 'Back to open' }
    ],
    resolved: [
      { to: 'closed', label: 'Close' },
      { to: 'in_progress', label: 'Reopen' }
    ],
    closed: []
  };

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const trimmedOrBlank = (v: unknown) => (typeof v === 'string' ? blank(v.trim()) : blank(v));

/** The list's status filter: one status, or "active" = open or in progress (the dashboard's count). */
export const MAINTENANCE_STATUS_FILTERS = ['active', ...MAINTENANCE_STATUSES] as const;

/** /admin/maintenance?status=&priority=&q=&page= (q: part of an asset tag). */
export const maintenanceQuerySchema = pageQuerySchema.extend({
  status: z.preprocess(
    blank,
    z.enum(MAINTENANCE_STATUS_FILTERS, { error: 'Choose a status from the list.' }).optional()
  ),
  priority: z.preprocess(blank, z.enum(URGENCIES, { error: 'Choose a priority from the list.' }).optional()),
  q: searchTermSchema
});
export type MaintenanceQuery = z.infer<typeof maintenanceQuerySchema>;

/** A version is the record's updatedAt as the admin saw it: form posts carry it as a string. */
const version = z.preprocess(
  (v) =>
    typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v) : v,
  z.number({ error: 'Reload the page and try again.' }).int().nonnegative().optional()
);

export const maintenanceStatusSchema = z
  .object({
    status: z.enum(MAINTENANCE_STATUSES, { error: 'Choose a status from the list.' }),
    resolution: z.preprocess(
      trimmedOrBlank,
      z.string().max(RESOLUTION_MAX, 'Keep the resolution to 4,000 characters or fewer.').optional()
    ),
    version
  })
  .superRefine((v, ctx) => {
    if (v.status === 'resolved' && !v.resolution)
      ctx.addIssue({
        code: 'custom',
        path: ['resolution'],
        message: 'Describe the resolution before resolving.'
      });
  });
export type MaintenanceStatusInput = z.infer<typeof maintenanceStatusSchema>;

export const maintenanceNoteSchema = z.object({
  body: z
    .string({ error: 'Write a note.' })
    .trim()
    .min(1, 'Write a note.')
    .max(NOTE_MAX, 'Keep the note to 4,000 characters or fewer.')
});
export type MaintenanceNoteInput = z.infer<typeof maintenanceNoteSchema>;
