// The admin console's wire shapes: form actions and /api/v1/admin/* share these schemas.
// Form posts arrive as strings, JSON as typed values; "" means "not given".
import * as z from 'zod';
import { REQUEST_STATUSES, REQUEST_TYPES, URGENCIES, pageQuerySchema, requestMessageSchema } from './my';
import { searchTermSchema } from './search';
import { HARDWARE_STATUSES } from './enums';
import { EDITABLE_HARDWARE_STATUSES } from './labels/hardware';
import { REASON_MAX, REQUEST_DECISIONS } from './labels/requests';

// The pages import these from labels/*.ts (zod-free); re-exported here for the server.
export { EDITABLE_HARDWARE_STATUSES, HARDWARE_STATUS_LABELS } from './labels/hardware';
export { REASON_MAX, REQUEST_DECISIONS, type RequestDecision } from './labels/requests';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** /admin/requests?status=&type=&urgency=&page= */
export const requestQueueQuerySchema = pageQuerySchema.extend({
  status: z.preprocess(
    blank,
    z.enum(REQUEST_STATUSES, { error: 'Choose a status from the list.' }).optional()
  ),
  type: z.preprocess(
    blank,
    z.enum(REQUEST_TYPES, { error: 'Choose a request type from the list.' }).optional()
  ),
  urgency: z.preprocess(blank, z.enum(URGENCIES, { error: 'Choose an urgency from the list.' }).optional())
});
export type RequestQueueQuery = z.infer<typeof requestQueueQuerySchema>;

export const requestDecisionSchema = z
  .object({
    decision: z.enum(REQUEST_DECISIONS, { error: 'Choose approve, reject or fulfil.' }),
    reason: z.preprocess(
      (v) => (typeof v === 'string' ? blank(v.trim()) : blank(v)),
      z
        .string({ error: 'Enter a reason.' })
        .max(REASON_MAX, 'Keep the reason to 2,000 characters or fewer.')
        .optional()
    )
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Give the requester a reason for the rejection.'
      });
  });
export type RequestDecisionInput = z.infer<typeof requestDecisionSchema>;

export { requestMessageSchema };

/** /admin/people?q=&page= */
export const peopleQuerySchema = pageQuerySchema.extend({ q: searchTermSchema });

export const personStatusSchema = z.object({
  status: z.enum(['active', 'suspended'], { error: 'Choose active or suspended.' })
});

const isoDate = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as YYYY-MM-DD.`)
    .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || realDay(s), 'Enter a real date.');

/** "2026-02-31" is shaped right but is not a day: it must survive a round trip through Date. */
function realDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export const lendSchema = z.object({
  userId: z
    .string({ error: 'Choose a person.' })
    .trim()
    .min(1, 'Choose a person.')
    .max(64, 'Choose a person from the list.'),
  dueDate: isoDate('a due date'),
  notes: z.preprocess(
    (v) => (typeof v === 'string' ? blank(v.trim()) : blank(v)),
    z.string().max(2000, 'Keep the notes to 2,000 characters or fewer.').optional()
  )
});
export type LendInput = z.infer<typeof lendSchema>;

/** /admin/audit?actor=&entity=&action=&from=&to=&page= (from/to are YYYY-MM-DD, inclusive, UTC). */
export const auditQuerySchema = pageQuerySchema.extend({
  actor: searchTermSchema,
  entity: z.preprocess(blank, z.string().max(64).optional()),
  action: searchTermSchema,
  from: z.preprocess(blank, isoDate('the start date').optional()),
  to: z.preprocess(blank, isoDate('the end date').optional())
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

// Hardware assets (Admin › Hardware). "assigned" is set only by assigning to a person.
const optText = (max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? blank(v.trim()) : blank(v)),
    z.string().max(max, `Keep the ${what} to ${max} characters or fewer.`).optional()
  );

export const assetSchema = z.object({
  assetTag: z
    .string({ error: 'Enter an asset tag.' })
    .trim()
    .min(1, 'Enter an asset tag.')
    .max(64, 'Keep the asset tag to 64 characters or fewer.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'Use letters, digits and . _ - / only.'),
  serial: optText(128, 'serial number'),
  modelId: z
    .string({ error: 'Choose a model.' })
    .trim()
    .min(1, 'Choose a model.')
    .max(64, 'Choose a model from the list.'),
  locationId: z.preprocess(blank, z.string().max(64, 'Choose a location from the list.').optional()),
  status: z.enum(EDITABLE_HARDWARE_STATUSES, { error: 'Choose a status.' }),
  purchaseDate: z.preprocess(blank, isoDate('the purchase date').optional()),
  purchaseCost: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return blank(v);
      const t = v.trim().replace(/,/g, '');
      return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    },
    z
      .number({ error: 'Enter the cost as a number, for example 1299.99.' })
      .nonnegative('The cost can’t be negative.')
      .max(10_000_000, 'That cost is too large.')
      .optional()
  ),
  warrantyEnds: z.preprocess(blank, isoDate('the warranty end date').optional()),
  notes: optText(2000, 'notes')
});
export type AssetInput = z.infer<typeof assetSchema>;

export const hardwareQuerySchema = pageQuerySchema.extend({
  q: searchTermSchema,
  status: z.preprocess(
    blank,
    z.enum(HARDWARE_STATUSES, { error: 'Choose a status from the list.' }).optional()
  )
});
export type HardwareQuery = z.infer<typeof hardwareQuerySchema>;

export const assignSchema = z.object({
  userId: z
    .string({ error: 'Choose a person.' })
    .trim()
    .min(1, 'Choose a person.')
    .max(64, 'Choose a person from the list.'),
  requestAcknowledgement: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
});
export type AssignInput = z.infer<typeof assignSchema>;
